# Dates patients read: "14 de marzo de 2026".
DATE_FORMAT = r"j \d\e F \d\e Y"
