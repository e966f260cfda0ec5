"""The report wing: the table of rows and the merge of reviewers' work, the CSV/XLSX/JSONL/HTML
writers, and the review import.
"""
