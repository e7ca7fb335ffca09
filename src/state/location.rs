//! Where the state is kept: `--no-state` (nowhere), `--state PATH`, `FANGTAN_STATE`, the config
//! file's `state`, else `$XDG_STATE_HOME/fangtan/state.sqlite3` (`~/.local/state/…` when that
//! is unset or not absolute, as the XDG base directory specification says).

use std::path::{Path, PathBuf};

/// Where the reading state is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// Nowhere: nothing is read or written (`--no-state`).
    Off,
    /// In this file.
    File(PathBuf),
}

impl Location {
    /// The file, if there is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Self::Off => None,
            Self::File(path) => Some(path),
        }
    }

    /// The default file, from `XDG_STATE_HOME` or `HOME`; `Off` when neither says where.
    pub fn default_for(xdg_state_home: Option<&Path>, home: Option<&Path>) -> Self {
        let base = match xdg_state_home.filter(|path| path.is_absolute()) {
            Some(base) => base.to_owned(),
            None => match home.filter(|path| path.is_absolute()) {
                Some(home) => home.join(".local").join("state"),
                None => return Self::Off,
            },
        };
        Self::File(base.join("fangtan").join("state.sqlite3"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_follows_xdg() {
        let xdg = Location::default_for(Some(Path::new("/x")), Some(Path::new("/home/u")));
        assert_eq!(xdg.path(), Some(Path::new("/x/fangtan/state.sqlite3")));
        let home = Location::default_for(Some(Path::new("relative")), Some(Path::new("/home/u")));
        assert_eq!(
            home.path(),
            Some(Path::new("/home/u/.local/state/fangtan/state.sqlite3"))
        );
        assert_eq!(Location::default_for(None, None), Location::Off);
    }
}
