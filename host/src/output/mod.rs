//! Every sink an audit writes to: stdout, atomic files, the refusal to
//! write inside what is audited, and directories only the user may change.

pub(crate) mod private_dir;
pub(crate) mod read_paths;
mod refuse;
mod sink;
pub(crate) mod terminal;

pub(crate) use refuse::{cache_outside, refuse_writing_into, refuse_writing_into_installation};
pub(crate) use sink::{print_json_or_table, write_with};
pub(crate) use terminal::{stderr_is_terminal, stdout, warn};
