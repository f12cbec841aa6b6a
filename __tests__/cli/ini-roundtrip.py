"""
Reads AWS config texts the way the AWS CLI does and prints what it read, as JSON.
stdin: {"files": {ID: TEXT}}. stdout: {ID: {"configparser": {SECTION: {KEY: VALUE}},
"botocore": load_config(path)["profiles"] or {"error": MESSAGE}}}. One process for all
texts, so that a test file starts Python once.
"""
import configparser
import json
import os
import sys
import tempfile

from botocore.configloader import load_config

files = json.load(sys.stdin)["files"]
out = {}
with tempfile.TemporaryDirectory() as tmp:
    for key, text in files.items():
        path = os.path.join(tmp, "config")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        result = {}
        try:
            cp = configparser.RawConfigParser()
            cp.read(path, encoding="utf-8")
            result["configparser"] = {s: dict(cp.items(s)) for s in cp.sections()}
            result["botocore"] = load_config(path)["profiles"]
        except Exception as e:  # a text that does not parse is a finding, not a crash
            result["error"] = str(e)
        out[key] = result
print(json.dumps(out, sort_keys=True))
