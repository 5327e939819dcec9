//! Criterion benches of one audit's pieces, in process: collecting the
//! view of the example installation (config, includes, file facts, the
//! state database) and running the built-in plugins on it once (instantiate,
//! `info`, `run`, with compiled components). `scripts/bench.sh` measures the
//! whole process, cold and warm, and a fleet.

#![allow(
    clippy::unwrap_used,
    reason = "a bench that cannot set up has nothing to measure: a panic says why"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use pincer::bench::BUILTIN_PLUGINS;
use pincer::bench::Env;
use pincer::bench::MachineFacts;
use pincer::bench::Target;
use pincer::bench::{Installation, OnInvalid, collect};
use pincer::bench::{Limits, Parallelism, PluginSource, Runtime, run_all};
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

/// The example read with a fixed, empty environment: the bench measures
/// the same work whatever the shell that runs it holds.
fn installation<'a>(
    target: &'a Target,
    env: &'a Env,
    machine: &'a MachineFacts,
) -> Installation<'a> {
    Installation {
        target,
        env,
        machine,
        deep: false,
        previous_credential: None,
        baseline_json: None,
        // Validity is part of every audit: the bench measures it too.
        on_invalid: OnInvalid::Refuse,
    }
}

fn snapshot(c: &mut Criterion) {
    let (target, env) = (example(), Env::default());
    let machine = MachineFacts::gather(&env);
    c.bench_function("snapshot of examples/openclaw-home", |b| {
        b.iter(|| collect(black_box(installation(&target, &env, &machine))).unwrap());
    });
}

fn plugins(c: &mut Criterion) {
    let (target, env) = (example(), Env::default());
    let machine = MachineFacts::gather(&env);
    let snapshot = Arc::new(collect(installation(&target, &env, &machine)).unwrap().view);
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
