//! `fangtan FILE` in a terminal: the reader, with the reading state's keeper started first so
//! that the store opens while the first file is read.

use std::process::ExitCode;

use anyhow::{Context, bail};

use super::{Config, ThemeChoice, remembered, report, speaker_filter};
use crate::reader;
use crate::state::{Keeper, Location};

/// Opens the reader. The first file that can be opened is opened before the terminal is taken
/// over, so that an error in it is a plain one-line error; a large file shows its head at once
/// while the rest loads in the background, standard input shows what has arrived.
pub(super) fn read(config: &Config) -> anyhow::Result<ExitCode> {
    let (sender, incoming) = reader::channel();
    // The store opens on its own thread while the first file is read and the terminal asked.
    let keeper = config.state.path().map(|path| {
        let replies = sender.clone();
        Keeper::start(path.to_owned(), move |reply| {
            // The reader may have quit; then nobody needs the answer.
            let _ = replies.send(reader::Incoming::App(reader::Msg::State(reply)));
        })
    });
    let files = reader::Files::new(config.inputs.clone(), config.read.clone(), sender.clone());
    let names = files.names();
    let mut opened = None;
    for (index, name) in names.iter().enumerate() {
        match files.open(index) {
            Ok(loaded) => {
                opened = Some((index, loaded));
                break;
            }
            Err(error) if index + 1 < names.len() => {
                report(&format!("{error:#}"));
            }
            Err(error) => return Err(error.context(name.clone())),
        }
    }
    let Some((index, first)) = opened else {
        bail!("no file to read");
    };
    if first.progress == reader::Progress::Complete && !config.speakers.is_empty() {
        // --speaker may name a speaker by the name the reading state gave them.
        let memory = first.key.as_ref().map_or_else(Default::default, |key| {
            remembered::Remembered::new(&config.state).memory(key.fingerprint)
        });
        let shown = remembered::shown(&first.transcript, &memory);
        speaker_filter(&shown, &config.speakers).with_context(|| names[index].clone())?;
    }
    let options = reader::Options {
        names,
        measure: config.measure,
        color: config.reader_color,
        palette: config.print_palette(),
        width: config.reader_width,
        search: config.search.clone(),
        search_options: config.search_options,
        speakers: config.speakers.clone(),
        remember: config.state != Location::Off,
    };
    let questions = reader::query::Questions {
        ambiguous: config.ambiguous.is_none(),
        background: config.theme == ThemeChoice::Auto,
    };
    reader::run(
        files,
        options,
        questions,
        (index, first),
        (sender, incoming),
        keeper,
    )?;
    Ok(ExitCode::SUCCESS)
}
