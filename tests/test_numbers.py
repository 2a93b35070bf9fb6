import pytest

from baocao.parsers.numbers import cell_number, parse_number, plain


@pytest.mark.parametrize(
    "written,whole,value",
    [
        ("2.227.360.000", False, 2227360000),
        ("5,3", False, 5.3),
        ("5224", False, 5224),
        ("01", False, 1),
        ("1.3", False, 1.3),
        ("12,683", True, 12683),
        ("12,683", False, 12.683),
        ("1.234,5", False, 1234.5),
        ("1,234.5", False, 1234.5),
        ("1,000,000", False, 1000000),
        ("0,77", False, 0.77),
    ],
)
def test_vietnamese_number_formats(written, whole, value):
    assert parse_number(written, whole=whole) == pytest.approx(value)


def test_cells_and_plain_output():
    assert cell_number("04") == 4 and cell_number("-") is None and cell_number("Giải nhất") is None
    assert plain(2227360000.0) == "2227360000" and plain(5.3) == "5.3" and plain(None) == ""
