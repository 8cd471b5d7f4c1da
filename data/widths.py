"""The widths of the store's text columns and the longest cell an extract may hold, in one
place: the readers refuse, with a located problem, what the database would refuse with an
error, so both backends refuse the same things (SQLite itself never enforces a width)."""

AREA_NAME = 400  # area.name; the longest real English area names are under 100 characters
KEY_TEXT = 100  # a text cell that is part of a row key (a case id, a Fingertips category)
CELL = 1_000  # any other cell
ROW_KEY = 1_000  # raw_row.row_key: the key cells joined, each within the limits above
USER_NAME = 100  # load.user_name
