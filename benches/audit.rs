//! Criterion benches of one audit's pieces, in process: collecting the
//! snapshot of the example installation (config, includes, file facts, the
//! state database) and running the built-in plugins on it once (instantiate,
//! `info`, `run`, with compiled components). `scripts/bench.sh` measures the
//! whole process, cold and warm, and a fleet.

#![allow(
    clippy::unwrap_used,
    reason = "a bench that cannot set up has nothing to measure: a panic says why"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use pincer::builtin::BUILTIN_PLUGINS;
use pincer::collect::locate::Target;
use pincer::collect::snapshot::{MachineFacts, Snapshot};
use pincer::runtime::{Limits, Parallelism, PluginSource, Runtime, run_all};
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

fn example() -> Target {
    let home = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/openclaw-home");
    Target {
        config: home.join("openclaw.json"),
        state_dir: home,
    }
}

fn snapshot(c: &mut Criterion) {
    let target = example();
    let machine = MachineFacts::gather();
    c.bench_function("snapshot of examples/openclaw-home", |b| {
        b.iter(|| Snapshot::collect(black_box(&target), false, &machine, None).unwrap());
    });
}

fn plugins(c: &mut Criterion) {
    let target = example();
    let snapshot =
        Arc::new(Snapshot::collect(&target, false, &MachineFacts::gather(), None).unwrap());
    let runtime = Runtime::new(Limits::default()).unwrap();
    let plugins: Vec<_> = BUILTIN_PLUGINS
        .iter()
        .map(|(name, bytes, _)| runtime.load(PluginSource::Builtin(name), bytes).unwrap())
        .collect();
    let _ticker = runtime.ticking();
    c.bench_function("built-in plugins, one run", |b| {
        b.iter(|| {
            run_all(
                &runtime,
                &plugins,
                black_box(&snapshot),
                Parallelism::PerPlugin,
            )
        });
    });
}

criterion_group!(benches, snapshot, plugins);
criterion_main!(benches);
