//! The `fangtan` command: everything lives in the library; this only hands it the arguments.

use std::process::ExitCode;

fn main() -> ExitCode {
    fangtan::cli::main(std::env::args_os())
}
