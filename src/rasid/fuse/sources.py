"""Who gave a report: the outlet, and whom the outlet attributes the event to."""

from __future__ import annotations

from rasid.fuse.records import Report


def outlet_of(report: Report) -> str:
    """The publishing source; the document id stands in when the outlet is unknown."""
    return report.outlet or f"document {report.doc_id}"


def source_label(report: Report) -> str:
    """``outlet`` or ``outlet citing <reported_by>``, as conflicts and notes show it."""
    cited = report.event.get("reported_by")
    return f"{outlet_of(report)} citing {cited}" if cited else outlet_of(report)
