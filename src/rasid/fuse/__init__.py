"""Fusion across documents: many reports of one incident become one event.

``cluster_reports`` groups event reports (``Event.to_dict()`` records with
their document, outlet and publication day) into real-world events and fuses
each group's fields, death tolls (ACLED and UCDP) and disagreements.
"""

from rasid.fuse.clustering import cluster_reports
from rasid.fuse.records import Cluster, Report

__all__ = ["Cluster", "Report", "cluster_reports"]
