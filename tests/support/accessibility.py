"""The browser tests' one accessibility check: axe-core (npm) with the WCAG 2.0 and 2.1 A and AA
rules on the page as the browser shows it now.

scripts/run-tests installs the pinned axe-core into .node-test/ (gitignored); the check injects its
axe.min.js into the page and fails with one readable line per violation.
"""

import os

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
AXE_SCRIPT = os.path.join(REPO, ".node-test", "node_modules", "axe-core", "axe.min.js")
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN = """async (tags) => {
	const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
	return result.violations.map(v => ({
		id: v.id,
		impact: v.impact,
		help: v.help,
		targets: v.nodes.map(n => n.target.join(" ")),
		summary: v.nodes.length ? v.nodes[0].failureSummary : "",
	}));
}"""


def axe_violations(page) -> list[dict]:
	"""axe-core's WCAG 2.1 AA violations on the page, every rule of those tags, nothing left out
	(what Frappe's own markup gets wrong is fixed by the app's website.css and website.js)."""
	if not os.path.isfile(AXE_SCRIPT):
		raise RuntimeError(f"axe-core is not installed at {AXE_SCRIPT}: run the tests with scripts/run-tests")
	if not page.evaluate("() => typeof window.axe !== 'undefined'"):
		page.add_script_tag(path=AXE_SCRIPT)
	return page.evaluate(RUN, WCAG_AA_TAGS)


def describe(violations: list[dict]) -> str:
	lines = []
	for v in violations:
		lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
		lines.extend(f"    {target}" for target in v["targets"][:10])
		if v["summary"]:
			lines.append("    " + v["summary"].replace("\n", "\n    "))
	return "\n".join(lines)


def assert_accessible(page, what: str = "") -> None:
	"""Fail with the list of violations (rule id, impact, target selectors) when axe finds any."""
	violations = axe_violations(page)
	assert not violations, f"axe-core found on {what or page.url}:\n{describe(violations)}"
