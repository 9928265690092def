"""Engines that run the clustering pipeline somewhere other than this one process."""
