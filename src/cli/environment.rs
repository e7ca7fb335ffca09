//! What resolving the command line reads of the world: the terminal, the environment
//! variables, the config file.

use std::io::{self, IsTerminal};
use std::path::PathBuf;

use crate::input;

/// What resolving the command line reads of the world, gathered in one place so that tests can
/// feed it (ripgrep's low and high arguments).
#[derive(Debug, Clone, Default)]
pub struct Environment {
    /// Whether stdout is a terminal.
    pub stdout_is_terminal: bool,
    /// Whether standard input is a pipe, a file or a socket (not a terminal, not /dev/null).
    pub stdin_is_readable: bool,
    /// `$COLUMNS`.
    pub columns: Option<String>,
    /// The width of the terminal: stdout's, else the controlling terminal's.
    pub terminal_width: Option<u16>,
    /// `NO_COLOR` is set (and not empty).
    pub no_color: bool,
    /// The config file's path and text, when there is one.
    pub config: Option<(PathBuf, String)>,
    /// `FANGTAN_STATE`: the reading state's file.
    pub state: Option<PathBuf>,
    /// `XDG_STATE_HOME`.
    pub xdg_state_home: Option<PathBuf>,
    /// `HOME`.
    pub home: Option<PathBuf>,
}

impl Environment {
    /// Reads the environment of this process.
    pub fn read() -> Self {
        let stdout_is_terminal = io::stdout().is_terminal();
        let config = crate::config::path(
            std::env::var_os("XDG_CONFIG_HOME")
                .map(PathBuf::from)
                .as_deref(),
            std::env::var_os("HOME").map(PathBuf::from).as_deref(),
        )
        .and_then(|path| std::fs::read_to_string(&path).ok().map(|text| (path, text)));
        Self {
            stdout_is_terminal,
            stdin_is_readable: input::stdin_is_readable(),
            columns: std::env::var("COLUMNS").ok(),
            terminal_width: input::terminal_width(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty()),
            config,
            state: std::env::var_os("FANGTAN_STATE")
                .filter(|value| !value.is_empty())
                .map(PathBuf::from),
            xdg_state_home: std::env::var_os("XDG_STATE_HOME").map(PathBuf::from),
            home: std::env::var_os("HOME").map(PathBuf::from),
        }
    }
}
