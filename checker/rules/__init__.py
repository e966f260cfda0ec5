"""The rule wing: articles to claims, the language layer, values, names, certainty and speakers,
same-event evidence, the verdict's rule table, stories, pairing, findings. Pure functions over
records; no model is loaded here.
"""
