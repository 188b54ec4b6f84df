"""Spreadsheet import and export for the project library and monthly reports (DESIGN.md §4).

``reader`` turns a .xlsx/.xls file into plain rows, ``layout`` finds the header, the unit line
and which column is which, ``imports`` validates every row and writes in one transaction, and
``exports`` lays out workbooks the way people make them by hand.
"""
