//! Colours shared by `--print` and the reader, as terminal palette indices.
//!
//! Two palettes, for dark and for light backgrounds (`--theme`): yellow and the bright colours
//! read well on black and poorly on white, dark shades the other way round. Neither palette
//! holds the search highlight colours ([`MATCH`], [`CURRENT`]), so a match never looks like a
//! speaker's name.

/// The background the colours are chosen for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Palette {
    /// A dark background (light text): the usual terminal.
    #[default]
    Dark,
    /// A light background (dark text).
    Light,
}

/// The background of every search match: yellow.
pub const MATCH: u8 = 3;
/// The background of the current match: orange, in no speaker palette.
pub const CURRENT: u8 = 208;

/// The mark of a highlight (`*`), a foreground: bright yellow, in no speaker palette.
pub const HIGHLIGHT: u8 = 11;

/// The colour of speaker `id`: a distinct one for each of the first ten, then repeating.
pub fn speaker_color(id: usize, palette: Palette) -> u8 {
    // Dark: cyan, magenta, green, blue, red, then their bright forms; the 16 base colours
    // follow the user's terminal theme. Light: dark 256-colour shades that keep their
    // contrast on white (blue, red, purple, green, brown, teal, …).
    const DARK: [u8; 10] = [6, 5, 2, 12, 1, 14, 13, 10, 4, 9];
    const LIGHT: [u8; 10] = [25, 124, 90, 28, 130, 30, 55, 88, 22, 18];
    match palette {
        Palette::Dark => DARK[id % DARK.len()],
        Palette::Light => LIGHT[id % LIGHT.len()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_never_look_like_a_speaker() {
        for palette in [Palette::Dark, Palette::Light] {
            for id in 0..20 {
                let color = speaker_color(id, palette);
                assert_ne!(color, MATCH);
                assert_ne!(color, CURRENT);
                // Yellow (and bright yellow) is the match colour, and unreadable on white.
                assert_ne!(color, 11);
            }
        }
        assert_ne!(
            speaker_color(0, Palette::Dark),
            speaker_color(1, Palette::Dark)
        );
    }
}
