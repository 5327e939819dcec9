//! The host side of the WIT imports — config, host facts, gateway, nodes,
//! params, baseline and log — written once and served for each contract
//! line (`contract.rs`): the generated traits differ by package version
//! only. Every answer comes from the store's redacted view; what a plugin
//! logs is sanitized and bounded.

/// Implements every import interface of the bindings in `$api` for
/// `PluginState`.
macro_rules! serve_imports {
    ($api:ident) => {
        mod $api {
            use crate::runtime::bindings::$api::pincer::audit::{
                baseline, config, gateway, host_facts, log, nodes, params, types,
            };
            use crate::runtime::state::{LogLine, MAX_LOG_BYTES, MAX_LOG_LINE, PluginState};
            use pincer_sdk::{CharClass, FileKind, SecretMarker, SecretSource};

            impl types::Host for PluginState {}

            impl config::Host for PluginState {
                fn document(&mut self) -> String {
                    self.view.config_json.clone()
                }

                fn get(&mut self, path: String) -> Option<String> {
                    self.view.get(&path).map(ToString::to_string)
                }
            }

            fn marker_to_wit(marker: &SecretMarker) -> types::SecretMarker {
                let mut classes = types::CharClasses::empty();
                for class in &marker.classes {
                    classes |= match class {
                        CharClass::Lower => types::CharClasses::LOWER,
                        CharClass::Upper => types::CharClasses::UPPER,
                        CharClass::Digit => types::CharClasses::DIGIT,
                        CharClass::Symbol => types::CharClasses::SYMBOL,
                        CharClass::Whitespace => types::CharClasses::WHITESPACE,
                        CharClass::NonAscii => types::CharClasses::NON_ASCII,
                    };
                }
                types::SecretMarker {
                    source: match marker.source {
                        SecretSource::Absent => types::SecretSource::Absent,
                        SecretSource::Inline => types::SecretSource::Inline,
                        SecretSource::Env => types::SecretSource::Env,
                        SecretSource::File => types::SecretSource::File,
                        SecretSource::Exec => types::SecretSource::Exec,
                    },
                    set: marker.set,
                    length: marker.length,
                    placeholder: marker.placeholder.clone(),
                    classes,
                    reference: marker.reference.clone(),
                    secret_ref: marker.secret_ref,
                }
            }

            impl host_facts::Host for PluginState {
                fn platform(&mut self) -> String {
                    self.view.platform.clone()
                }

                fn env_var(&mut self, name: String) -> Option<types::SecretMarker> {
                    self.view.env.get(&name).map(marker_to_wit)
                }

                fn file_facts(&mut self) -> Vec<host_facts::FileFact> {
                    self.view
                        .file_facts
                        .iter()
                        .map(|fact| host_facts::FileFact {
                            role: fact.role.clone(),
                            path: fact.path.clone(),
                            kind: match fact.kind {
                                FileKind::Missing => host_facts::FileKind::Missing,
                                FileKind::File => host_facts::FileKind::File,
                                FileKind::Directory => host_facts::FileKind::Directory,
                                FileKind::Symlink => host_facts::FileKind::Symlink,
                                FileKind::Other => host_facts::FileKind::Other,
                            },
                            mode: fact.mode,
                            owned_by_current_user: fact.owned_by_current_user,
                        })
                        .collect()
                }

                fn includes(&mut self) -> Vec<host_facts::IncludeFact> {
                    self.view.includes.iter().map(include_to_wit).collect()
                }

                fn synced_paths(&mut self) -> Vec<host_facts::SyncedPath> {
                    self.view
                        .synced_paths
                        .iter()
                        .map(|synced| host_facts::SyncedPath {
                            role: synced.role.clone(),
                            path: synced.path.clone(),
                            provider: synced.provider.clone(),
                        })
                        .collect()
                }

                fn audit_time_ms(&mut self) -> u64 {
                    self.view.audit_time_ms
                }

                fn file_times(&mut self) -> Vec<host_facts::FileTime> {
                    self.view
                        .file_facts
                        .iter()
                        .filter_map(|fact| {
                            Some(host_facts::FileTime {
                                role: fact.role.clone(),
                                path: fact.path.clone(),
                                modified_ms: fact.modified_ms?,
                            })
                        })
                        .collect()
                }
            }

            impl gateway::Host for PluginState {
                fn state(&mut self) -> String {
                    self.view.state_json.gateway.clone()
                }
            }

            impl nodes::Host for PluginState {
                fn paired(&mut self) -> String {
                    self.view.state_json.paired.clone()
                }

                fn pending(&mut self) -> String {
                    self.view.state_json.pending.clone()
                }
            }

            impl params::Host for PluginState {
                fn get(&mut self) -> String {
                    self.params.clone()
                }
            }

            impl baseline::Host for PluginState {
                fn previous(&mut self) -> Option<String> {
                    self.baseline.clone()
                }
            }

            fn include_to_wit(
                fact: &crate::collect::config::IncludeFact,
            ) -> host_facts::IncludeFact {
                use crate::collect::config::IncludeStatus;
                host_facts::IncludeFact {
                    written: fact.written.clone(),
                    from_file: fact.from.display().to_string(),
                    resolved: fact.resolved.display().to_string(),
                    status: match fact.status {
                        IncludeStatus::Included => host_facts::IncludeStatus::Included,
                        IncludeStatus::EscapesConfigDir => {
                            host_facts::IncludeStatus::EscapesConfigDir
                        }
                        IncludeStatus::EscapesViaSymlink => {
                            host_facts::IncludeStatus::EscapesViaSymlink
                        }
                    },
                }
            }

            impl log::Host for PluginState {
                fn write(&mut self, level: log::Level, message: String) {
                    let message = crate::text::line(&message, MAX_LOG_LINE);
                    if self.logs.len() >= self.max_log_messages
                        || self.log_bytes.saturating_add(message.len()) > MAX_LOG_BYTES
                    {
                        self.logs_dropped += 1;
                        return;
                    }
                    self.log_bytes += message.len();
                    let level = match level {
                        log::Level::Debug => "debug",
                        log::Level::Info => "info",
                        log::Level::Warn => "warn",
                    };
                    self.logs.push(LogLine { level, message });
                }
            }
        }
    };
}

serve_imports!(current);
serve_imports!(v0_1);
