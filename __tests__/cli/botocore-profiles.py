"""
Reads an AWS config file with botocore, the AWS CLI's own library, and prints JSON:
"profiles", as its config loader parses them, and "providers", for each profile the
credential provider that the AWS CLI's resolver chain would use (the first that claims the
profile, whether or not it could fetch credentials offline), or null.
"""
import json
import sys

import botocore.credentials
import botocore.session
from botocore.configloader import load_config

path = sys.argv[1]
profiles = load_config(path)["profiles"]
providers = {}
for name in profiles:
    session = botocore.session.Session(profile=name)
    chosen = None
    for provider in botocore.credentials.create_credential_resolver(session).providers:
        try:
            claimed = provider.load() is not None
        except Exception:  # the provider took the profile but cannot fetch credentials here
            claimed = True
        if claimed:
            chosen = provider.METHOD
            break
    providers[name] = chosen
print(json.dumps({"profiles": profiles, "providers": providers}, sort_keys=True))
