# Dates patients read: "March 14, 2026" (Django's English default abbreviates months, "Mar.").
DATE_FORMAT = "F j, Y"
