"""The scenario (gap) tool: infant deaths a year avoidable by changing each risk factor.

risks: the documented table of relative risks and its CSV override; arithmetic: Levin's
attributable fraction and the multiplicative combination; simulate: the table with
seeded simulation intervals; published: the Department of Health's 2007 contributions.
"""
