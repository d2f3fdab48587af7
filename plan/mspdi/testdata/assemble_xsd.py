"""Assemble mspdi_pj12.xsd, the Microsoft Office Project 2007 XML Data
Interchange Schema, from the pages of Microsoft's documentation repository
that print it in parts (github.com/MicrosoftDocs/office-developer-msproject-xml-docs,
folder project-xml-data-interchange, files xml-schema-for-the-*.md).

The Project element page prints the whole schema with each collection
elided as "<xsd:element name="Tasks" minOccurs="0"> . . . </xsd:element>";
the other pages print the elided parts. This script splices them together
without changing a definition, and closes the schema element, which the
Project page's listing leaves open.

Usage: python3 assemble_xsd.py REPO_DIR > mspdi_pj12.xsd
"""
import os
import re
import sys

DIR = os.path.join(sys.argv[1], "project-xml-data-interchange")


def block(name):
    with open(os.path.join(DIR, name), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"^``` ?xml\n(.*?)^```", text, re.S | re.M)
    lines = m.group(1).splitlines()
    keep = [l for l in lines if not l.startswith("<?xml") and l.strip() != ". . ."]
    return "\n".join(keep).strip("\n")


out = block("xml-schema-for-the-project-element.md")
out = '<?xml version="1.0" encoding="UTF-8"?>\n' + out
parts = {
    '<xsd:complexType name="TimephasedDataType"> . . . </xsd:complexType>': "xml-schema-for-the-timephaseddatatype-complex-type.md",
}
for coll in ["OutlineCodes", "WBSMasks", "ExtendedAttributes", "Calendars", "Tasks", "Resources", "Assignments"]:
    parts['<xsd:element name="%s" minOccurs="0"> . . . </xsd:element>' % coll] = "xml-schema-for-the-%s-element.md" % coll.lower()
for placeholder, page in parts.items():
    if placeholder not in out:
        sys.exit("placeholder not found: " + placeholder)
    out = out.replace(placeholder, block(page))
# The page's listing stops after the Project element, before the schema's
# closing tag.
if not out.rstrip().endswith("</xsd:schema>"):
    out = out.rstrip() + "\n</xsd:schema>"
sys.stdout.write(out + "\n")
