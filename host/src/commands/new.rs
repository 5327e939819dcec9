//! `pincer new NAME [--dir DIR]`: scaffolds a plugin crate (see
//! `crate::scaffold`) and says what to do next.

use crate::cli::NewArgs;
use crate::error::{Error, Result, exit};
use std::io::Write;

/// Creates the crate; exit 0, or 2 when the name or directory is unusable.
pub(crate) fn run(args: &NewArgs, env: &crate::env::Env) -> Result<u8> {
    let into = args
        .dir
        .clone()
        .unwrap_or_else(|| std::path::PathBuf::from(&args.name));
    crate::output::refuse_writing_into_installation(&into, env)?;
    let dir = crate::scaffold::create(&args.name, args.dir.as_deref())?;
    let wasm = format!(
        "target/wasm32-wasip2/release/{}.wasm",
        args.name.replace('-', "_")
    );
    let mut out = crate::output::stdout();
    writeln!(
        out,
        "Created plugin {} in {}. Next:\n  cd {}\n  cargo test\n  cargo build --release --target wasm32-wasip2\n  pincer test {wasm} cases",
        args.name,
        dir.display(),
        dir.display()
    )
    .map_err(|source| Error::Write {
        target: "stdout".into(),
        source,
    })?;
    Ok(exit::CLEAN)
}
