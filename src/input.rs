//! Where transcripts come from: files, standard input, the bundled sample; and the quick look
//! at a large file's head that lets the reader show its first screen before the whole file is
//! read.

use std::fs::File;
use std::io::{self, Read};
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail};

use crate::model::Transcript;
use crate::parse::{self, Format, Loaded};

/// The sample interview, compiled into the binary.
pub const SAMPLE: &[u8] = include_bytes!("../assets/mudanjiang-police-interview.txt");

/// Files smaller than this are simply read whole before the reader opens.
const PREVIEW_FROM_BYTES: u64 = 4 << 20;
/// How much of a large file's head the first screen is made from.
const PREVIEW_BYTES: u64 = 256 << 10;

/// Where a transcript comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// The sample interview compiled into the binary.
    Sample,
    /// Standard input.
    Stdin,
    /// A file.
    Path(PathBuf),
}

impl Input {
    /// How errors and the reader name this input.
    pub fn name(&self) -> String {
        match self {
            Self::Sample => "mudanjiang-police-interview.txt".to_owned(),
            Self::Stdin => "standard input".to_owned(),
            Self::Path(path) => path.display().to_string(),
        }
    }

    /// The path the reading state records for this input: absolute, so that it says where
    /// the file was whatever folder fangtan ran in.
    pub fn state_path(&self) -> Option<String> {
        let path = self.path()?;
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        Some(absolute.display().to_string())
    }

    fn path(&self) -> Option<&Path> {
        match self {
            Self::Path(path) => Some(path),
            Self::Sample | Self::Stdin => None,
        }
    }
}

/// Reads and parses one input. `format` and `encoding` override detection.
pub fn load(
    input: &Input,
    format: Option<Format>,
    encoding: Option<&str>,
) -> anyhow::Result<Loaded> {
    let options = parse::ReadOptions {
        format,
        encoding: encoding.map(str::to_owned),
        labels: None,
    };
    load_with(input, &options)
}

/// Reads and parses one input as the command line's options say.
pub fn load_with(input: &Input, options: &parse::ReadOptions) -> anyhow::Result<Loaded> {
    Ok(parse::load_with(read(input)?, options, input.path())?)
}

/// Reads and parses one input as the command line's options say, with the key the reading
/// state knows it by (the fingerprint of its bytes, and its path).
pub fn load_keyed(
    input: &Input,
    options: &parse::ReadOptions,
) -> anyhow::Result<(Loaded, crate::state::Key)> {
    let bytes = read(input)?;
    let key = crate::state::Key::of(&bytes, input.state_path());
    Ok((parse::load_with(bytes, options, input.path())?, key))
}

/// Reads one input's bytes.
pub fn read(input: &Input) -> anyhow::Result<Vec<u8>> {
    Ok(match input {
        Input::Sample => SAMPLE.to_vec(),
        Input::Stdin => read_bounded(&mut io::stdin().lock(), Vec::new())?,
        Input::Path(path) => {
            if path.is_dir() {
                bail!("is a directory");
            }
            let mut file = File::open(path).map_err(|error| anyhow!(describe_io(&error)))?;
            // A file's size is known: room for it at once, not a buffer that doubles past it.
            let size = file.metadata().map_or(0, |metadata| metadata.len());
            let room = usize::try_from(size).map_or(0, |size| size.min(parse::MAX_BYTES) + 1);
            read_bounded(&mut file, Vec::with_capacity(room))?
        }
    })
}

/// How much is read before the head is checked for being text.
const HEAD_BYTES: usize = 64 << 10;

/// Reads to the end, but stops as soon as the input is known not to be a transcript: binary
/// by its first block, or larger than fangtan reads ([`parse::MAX_BYTES`]) by what was read.
/// `/dev/zero`, `/dev/urandom` and an endless pipe end at once or at the limit, never after
/// eating the machine's memory.
fn read_bounded(reader: &mut impl Read, mut bytes: Vec<u8>) -> anyhow::Result<Vec<u8>> {
    let limit = u64::try_from(parse::MAX_BYTES).unwrap_or(u64::MAX);
    reader
        .by_ref()
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut bytes)
        .map_err(|error| anyhow!(describe_io(&error)))?;
    parse::encoding::check_head(&bytes)?;
    if bytes.len() == HEAD_BYTES {
        reader
            .take(limit + 1 - HEAD_BYTES as u64)
            .read_to_end(&mut bytes)
            .map_err(|error| anyhow!(describe_io(&error)))?;
    }
    if bytes.len() > parse::MAX_BYTES {
        bail!(parse::LoadError::TooLarge(bytes.len()));
    }
    Ok(bytes)
}

/// A transcript of the head of a large plain-text UTF-8 file, for the first screen while the
/// whole file loads; `None` when the input is small, or not a file, or not plain UTF-8 text
/// (then it is loaded whole first, which for those inputs is quick or unavoidable).
pub fn preview(input: &Input, options: &parse::ReadOptions) -> Option<Transcript> {
    let path = input.path()?;
    let plain = matches!(options.format, None | Some(Format::Text));
    let utf8 = options
        .encoding
        .as_deref()
        .is_none_or(|label| label.eq_ignore_ascii_case("utf-8"));
    if !plain || !utf8 || std::fs::metadata(path).ok()?.len() < PREVIEW_FROM_BYTES {
        return None;
    }
    let mut head = Vec::new();
    File::open(path)
        .ok()?
        .take(PREVIEW_BYTES)
        .read_to_end(&mut head)
        .ok()?;
    // Whole lines only, so no character or label is cut.
    let end = memchr::memrchr(b'\n', &head)?;
    head.truncate(end + 1);
    if head.starts_with(b"\xEF\xBB\xBF") {
        head.drain(..3);
    }
    if memchr::memchr(0, &head).is_some() {
        return None;
    }
    let text = String::from_utf8(head).ok()?;
    if parse::detect::detect(&text, Some(path)) != Format::Text {
        return None;
    }
    let read = parse::read_as(text, Format::Text, options.labels()).ok()?;
    Some(read.0)
}

/// An I/O error as a short phrase, without Rust's `(os error 2)`.
fn describe_io(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "is a directory".to_owned(),
        // Rust's own wording carries `(os error 6)`; the system's message alone reads better.
        _ => {
            let text = error.to_string();
            match text.rfind(" (os error ") {
                Some(at) => text[..at].to_owned(),
                None => text,
            }
        }
    }
}

/// Whether standard input has something to read without asking: a pipe, a file or a socket,
/// not a terminal and not a character device such as `/dev/null` (as ripgrep decides).
pub fn stdin_is_readable() -> bool {
    use std::os::unix::fs::FileTypeExt;
    let Ok(file) = io::stdin().as_fd().try_clone_to_owned().map(File::from) else {
        return false;
    };
    file.metadata().is_ok_and(|metadata| {
        let kind = metadata.file_type();
        kind.is_file() || kind.is_fifo() || kind.is_socket()
    })
}

/// The width of the terminal fangtan runs in: stdout's when it is one, else the controlling
/// terminal's (`fangtan t.txt | less -R` wraps to the terminal less shows it in).
pub fn terminal_width() -> Option<u16> {
    let from = |fd: std::os::fd::BorrowedFd<'_>| {
        rustix::termios::tcgetwinsize(fd)
            .ok()
            .map(|size| size.ws_col)
            .filter(|&columns| columns > 0)
    };
    let stdout = io::stdout();
    from(stdout.as_fd()).or_else(|| {
        let tty = File::open("/dev/tty").ok()?;
        from(tty.as_fd())
    })
}
