"""The county at a glance: one tile per municipality of the home county, coloured by policy stage.

Drawn by the app as SVG from its own data (no map service, no boundary files): ``TILE_LAYOUTS``
places each municipality of a county on a grid roughly where it lies (Stockholm county's 26 are
laid out here; a county without a layout gets a plain list, coloured the same). The same data
(``map_data``) draws the map on the workspace (tiles link to the municipality in the desk) and on
the public library ``/policies`` (tiles link to the municipality's public page).

Every stage's colour carries its text at a contrast of at least 4.5:1 (WCAG 2.1 AA), which a test
computes; the legend names each stage, so that the colour is never the only sign.
"""

import frappe
from frappe import _

from slup_crm.development.stages import POLICY_ADOPTION
from slup_crm.network.doctype.slup_settings.slup_settings import get_settings
from slup_crm.utils.access import whitelist_for

NO_RECORD_STAGE = POLICY_ADOPTION.first_stage  # a municipality without a record is not contacted
DARK_TEXT, LIGHT_TEXT = "#111827", "#ffffff"
# stage: (fill, text)
STAGE_COLOURS = {
	"Not contacted": ("#e5e7eb", DARK_TEXT),
	"In dialogue": ("#1d4ed8", LIGHT_TEXT),
	"Information campaign": ("#6d28d9", LIGHT_TEXT),
	"Policy drafted": ("#b45309", LIGHT_TEXT),
	"Policy adopted": ("#15803d", LIGHT_TEXT),
	"Implementing": ("#14532d", LIGHT_TEXT),
	"Paused": ("#475569", LIGHT_TEXT),
	"Declined": ("#b91c1c", LIGHT_TEXT),
}
TILE_WIDTH, TILE_HEIGHT, GAP = 112, 52, 6
# County code: {municipality code: (column, row, short name)}, north at the top.
TILE_LAYOUTS = {
	"01": {
		"0191": (1, 0, "Sigtuna"),
		"0115": (2, 0, "Vallentuna"),
		"0188": (3, 0, "Norrtälje"),
		"0139": (0, 1, "Upplands-Bro"),
		"0114": (1, 1, "Upplands Väsby"),
		"0160": (2, 1, "Täby"),
		"0117": (3, 1, "Österåker"),
		"0123": (0, 2, "Järfälla"),
		"0163": (1, 2, "Sollentuna"),
		"0162": (2, 2, "Danderyd"),
		"0187": (3, 2, "Vaxholm"),
		"0125": (0, 3, "Ekerö"),
		"0183": (1, 3, "Sundbyberg"),
		"0184": (2, 3, "Solna"),
		"0186": (3, 3, "Lidingö"),
		"0120": (4, 3, "Värmdö"),
		"0128": (0, 4, "Salem"),
		"0127": (1, 4, "Botkyrka"),
		"0180": (2, 4, "Stockholm"),
		"0182": (3, 4, "Nacka"),
		"0140": (0, 5, "Nykvarn"),
		"0181": (1, 5, "Södertälje"),
		"0126": (2, 5, "Huddinge"),
		"0138": (3, 5, "Tyresö"),
		"0192": (2, 6, "Nynäshamn"),
		"0136": (3, 6, "Haninge"),
	}
}


def map_data(public: bool = False, county: str | None = None) -> frappe._dict:
	"""The home county's municipalities with their stage, colour, place on the grid and link.

	``public``: links to the public pages (``/policies/<code>``), else to the desk."""
	county = county or get_settings().home_county
	county_code = frappe.db.get_value("County", county, "county_code") if county else None
	municipalities = frappe.get_all(
		"Organisation",
		filters={"organisation_type": "Municipality", "county": county},
		fields=["name", "organisation_name", "municipality_code"],
		order_by="organisation_name asc",
	)
	stages = dict(
		frappe.get_all(
			"Policy Adoption",
			filters={"municipality": ("in", [m.name for m in municipalities] or [""])},
			fields=["municipality", "stage"],
			as_list=True,
		)
	)
	layout = TILE_LAYOUTS.get(county_code, {})
	placed = bool(layout) and all(m.municipality_code in layout for m in municipalities)
	tiles = [tile(m, stages.get(m.name) or NO_RECORD_STAGE, layout, public) for m in municipalities]
	return frappe._dict(
		county=county,
		has_layout=placed,
		tiles=tiles,
		legend=legend(tiles),
		width=grid_size(layout, 0, TILE_WIDTH) if placed else 0,
		height=grid_size(layout, 1, TILE_HEIGHT) if placed else 0,
	)


def tile(municipality, stage: str, layout: dict, public: bool) -> frappe._dict:
	fill, text = STAGE_COLOURS[stage]
	column, row, short_name = layout.get(municipality.municipality_code, (0, 0, None))
	return frappe._dict(
		code=municipality.municipality_code,
		name=municipality.organisation_name,
		short_name=short_name or municipality.organisation_name,
		stage=stage,
		stage_label=_(stage),
		fill=fill,
		text=text,
		x=column * (TILE_WIDTH + GAP),
		y=row * (TILE_HEIGHT + GAP),
		link=f"/policies/{municipality.municipality_code}"
		if public
		else f"/app/organisation/{municipality.name}",
	)


def grid_size(layout: dict, axis: int, size: int) -> int:
	cells = max(place[axis] for place in layout.values()) + 1
	return cells * size + (cells - 1) * GAP


def legend(tiles: list) -> list[frappe._dict]:
	"""Every stage of the pipeline, in its order, with its colour and how many tiles stand in it."""
	counts = {}
	for entry in tiles:
		counts[entry.stage] = counts.get(entry.stage, 0) + 1
	return [
		frappe._dict(
			stage=stage,
			label=_(stage),
			fill=STAGE_COLOURS[stage][0],
			text=STAGE_COLOURS[stage][1],
			count=counts.get(stage, 0),
		)
		for stage in POLICY_ADOPTION.stage_names
	]


def render(public: bool = False) -> str:
	"""The map as HTML: the SVG tile map (or the plain list) and its legend."""
	return frappe.render_template(
		"slup_crm/templates/includes/policy_map.html", {"map": map_data(public=public)}
	)


@whitelist_for(("SLUP Staff", "SLUP Manager", "System Manager"), read_only=True)
def get_map() -> str:
	"""The map for the workspace, its tiles linking to the municipalities in the desk."""
	title = frappe.utils.escape_html(_("Municipalities by Policy Stage"))
	return f'<div class="policy-map-title">{title}</div>{render(public=False)}'
