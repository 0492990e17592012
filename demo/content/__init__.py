"""The demo site's words, one module per page family; demo/loader.py puts them in the tree.

Everything here is invented: "Aldercrest University Health", its people, the 555-01xx phone
number and the patient quote. The medical text is written for this project and is not clinical
advice.
"""
