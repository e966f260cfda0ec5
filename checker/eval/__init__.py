"""The evaluation wing: NLI pair sets, story gold lists, and calibrate (fitting the gates on
reviewed rows).
"""
