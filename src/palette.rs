//! Colours shared by `--print` and the reader, as terminal palette indices so that they follow
//! the user's terminal theme.

/// The colour of speaker `id`: a distinct one for each of the first twelve, then repeating.
pub fn speaker_color(id: usize) -> u8 {
    // Cyan, yellow, magenta, green, blue, red, then their bright forms.
    const COLORS: [u8; 12] = [6, 3, 5, 2, 4, 1, 14, 11, 13, 10, 12, 9];
    COLORS[id % COLORS.len()]
}
