//! `skills.workspace.symlink_escape` and `skills.workspace.scan_truncated`:
//! skill files in an agent workspace that resolve outside it (a symlink to
//! a file or folder elsewhere), and workspaces with too many skill folders
//! for the walk to finish — what lies beyond the limit is loaded unchecked.

use pincer_sdk::prelude::*;

/// Declaration: escaping skill files.
pub static SYMLINK_ESCAPE: CheckMeta = CheckMeta {
    id: "skills.workspace.symlink_escape",
    severity: Severity::Warn,
    title: "Workspace skill resolves outside its workspace",
    description: "A SKILL.md in an agent workspace that is, or sits under, a symlink to a place \
                  outside the workspace loads instructions that whoever controls that place can \
                  change — a shared folder, another user's directory, a mounted volume.",
    remediation: "Copy the skill into the workspace instead of linking it, or remove the link.",
    references: &["https://docs.openclaw.ai/tools/skills"],
};

/// Declaration: a walk cut short.
pub static SCAN_TRUNCATED: CheckMeta = CheckMeta {
    id: "skills.workspace.scan_truncated",
    severity: Severity::Warn,
    title: "Workspace holds more skills than the audit walks",
    description: "The walk of the workspace's skills/ stopped at its limit (2000 SKILL.md files \
                  or 40000 folders) with folders left, so skills beyond it were not checked for \
                  escaping symlinks.",
    remediation: "Prune the workspace's skills/ folder; keep archives and dependencies out of it.",
    references: &["https://docs.openclaw.ai/tools/skills"],
};

/// Evaluates the escape check: one finding for every workspace together.
pub fn run_symlink_escape(view: &View, out: &mut Findings) {
    let escaping: Vec<&str> = view
        .gateway_state()
        .workspace_skills
        .iter()
        .flat_map(|ws| ws.escaping.iter().map(String::as_str))
        .collect();
    if !escaping.is_empty() {
        out.push(SYMLINK_ESCAPE.finding(format!(
            "Skill files outside their workspace: {}.",
            escaping.join(", ")
        )));
    }
}

/// Evaluates the truncation check: one finding per workspace.
pub fn run_scan_truncated(view: &View, out: &mut Findings) {
    for ws in view
        .gateway_state()
        .workspace_skills
        .iter()
        .filter(|ws| ws.truncated)
    {
        out.push(SCAN_TRUNCATED.finding(format!(
            "The skills of {} were not walked to the end.",
            ws.workspace
        )));
    }
}
