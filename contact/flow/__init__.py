"""The public new-patient registration flow.

``state`` holds the typed flow kept in the session, ``sealing`` encrypts it there, ``views`` the
pages RegistrationPage routes to, and ``summary`` the check-your-answers sections built from the
step forms.
"""
