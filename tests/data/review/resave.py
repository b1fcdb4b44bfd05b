"""Makes tests/data/review/openpyxl_review.xlsx: a review workbook of the test
articles, edited and saved by openpyxl (a writer other than nazir's), for the
test `three_way::a_workbook_saved_by_openpyxl_merges_like_any_other`.

    cargo run --release -- build tests/data/articles --no-default-gazetteer \
        --english tests/data/english.txt -q -o /tmp/review.xlsx
    python3 -m pip install openpyxl
    python3 tests/data/review/resave.py /tmp/review.xlsx tests/data/review/openpyxl_review.xlsx

The edits: Google approved with the Arabic غوغل (on the glossary sheet only;
the variants sheet still says جوجل is preferred), Amazon rejected.
"""

import sys

import openpyxl


def main(source, target):
    book = openpyxl.load_workbook(source)
    sheet = book["glossary"]
    header = [cell.value for cell in sheet[1]]
    col = {name: header.index(name) + 1 for name in header if name}
    for row in range(2, sheet.max_row + 1):
        en = sheet.cell(row=row, column=col["en"]).value
        if en == "Google":
            sheet.cell(row=row, column=col["status"]).value = "approved"
            sheet.cell(row=row, column=col["ar"]).value = "غوغل"
        elif en == "Amazon":
            sheet.cell(row=row, column=col["status"]).value = "rejected"
    book.save(target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
