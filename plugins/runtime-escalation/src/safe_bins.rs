//! The safe-bin scopes of a config: the global `tools.exec.safeBins` with
//! its `safeBinProfiles`, and each agent's own list (an agent does not
//! inherit the global list) with the global profiles merged under its own.

use pincer_sdk::View;
use pincer_sdk::agents::roster;
use serde_json::Value;

/// One scope's safe bins and profile names, lower-cased.
pub struct SafeBinScope {
    /// Where the list is set.
    pub path: String,
    /// The bins, trimmed, lower-cased, deduplicated, sorted.
    pub bins: Vec<String>,
    /// The names that have a profile.
    pub profiles: Vec<String>,
}

fn normalized(list: Option<&Value>) -> Vec<String> {
    let mut bins: Vec<String> = list
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|bin| bin.trim().to_ascii_lowercase())
        .filter(|bin| !bin.is_empty())
        .collect();
    bins.sort();
    bins.dedup();
    bins
}

fn profile_names(profiles: Option<&Value>) -> Vec<String> {
    profiles
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, _)| name.trim().to_ascii_lowercase())
        .collect()
}

/// The scopes with a non-empty list.
pub fn scopes(view: &View) -> Vec<SafeBinScope> {
    let global_profiles = profile_names(view.get("tools.exec.safeBinProfiles"));
    let mut scopes = vec![SafeBinScope {
        path: "tools.exec.safeBins".to_owned(),
        bins: normalized(view.get("tools.exec.safeBins")),
        profiles: global_profiles.clone(),
    }];
    for agent in roster(view) {
        let mut profiles = global_profiles.clone();
        profiles.extend(profile_names(agent.get("tools.exec.safeBinProfiles")));
        scopes.push(SafeBinScope {
            path: format!("{}.tools.exec.safeBins", agent.path()),
            bins: normalized(agent.get("tools.exec.safeBins")),
            profiles,
        });
    }
    scopes.retain(|scope| !scope.bins.is_empty());
    scopes
}
