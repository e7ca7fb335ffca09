//! The config file, `$XDG_CONFIG_HOME/fangtan/config.toml` (else `~/.config/fangtan/…`): defaults
//! for the long options, under the same names. The command line wins over it.
//!
//! ```toml
//! theme = "light"          # auto, light, dark
//! color = "never"          # auto, always, never
//! ambiguous-wide = true    # or ambiguous-narrow = true; neither: ask the terminal
//! width = 72               # the reader's text measure and --print's width; 0: the whole pane
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// What the config file sets; `None` where it is silent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FileConfig {
    /// `--theme`.
    pub theme: Option<String>,
    /// `--color`.
    pub color: Option<String>,
    /// `--ambiguous-wide`.
    pub ambiguous_wide: Option<bool>,
    /// `--ambiguous-narrow`.
    pub ambiguous_narrow: Option<bool>,
    /// `--width`.
    pub width: Option<u16>,
    /// `--format`.
    pub format: Option<String>,
    /// `--encoding`.
    pub encoding: Option<String>,
    /// `--state`: where the reading state is kept.
    pub state: Option<PathBuf>,
    /// `--no-state`: keep no reading state.
    pub no_state: Option<bool>,
}

/// Where the config file is, from `XDG_CONFIG_HOME` or `HOME`.
pub fn path(xdg_config_home: Option<&Path>, home: Option<&Path>) -> Option<PathBuf> {
    let base = match xdg_config_home.filter(|p| p.is_absolute()) {
        Some(base) => base.to_owned(),
        None => home?.join(".config"),
    };
    Some(base.join("fangtan").join("config.toml"))
}

/// Reads a config file's text; an error names the line, in one line.
pub fn parse(text: &str) -> Result<FileConfig, String> {
    toml::from_str(text).map_err(|error| {
        let line = error
            .span()
            .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        let message = error
            .message()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match line {
            Some(line) => format!("line {line}: {message}"),
            None => message,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_mirror_the_long_options() {
        let config =
            parse("theme = \"light\"\nwidth = 72\nambiguous-wide = true\n").expect("valid");
        assert_eq!(config.theme.as_deref(), Some("light"));
        assert_eq!(config.width, Some(72));
        assert_eq!(config.ambiguous_wide, Some(true));
    }

    #[test]
    fn a_bad_key_is_named_with_its_line() {
        let error = parse("theme = \"dark\"\ncolour = \"never\"\n").expect_err("unknown key");
        assert!(
            error.starts_with("line 2: unknown field `colour`"),
            "{error}"
        );
        assert!(!error.contains('\n'));
    }

    #[test]
    fn the_path_follows_xdg() {
        let xdg = path(Some(Path::new("/x")), Some(Path::new("/home/u")));
        assert_eq!(xdg, Some(PathBuf::from("/x/fangtan/config.toml")));
        let home = path(None, Some(Path::new("/home/u")));
        assert_eq!(
            home,
            Some(PathBuf::from("/home/u/.config/fangtan/config.toml"))
        );
    }
}
