"""Every generated page is current: `make docs` runs the generators, this runs them in check
mode (tools/gen_docs.py lists them) and names each stale page."""

from __future__ import annotations

import gen_docs


def test_every_generated_page_is_current():
    stale = gen_docs.run(gen_docs.GENERATORS, check=True)
    assert stale == [], "run `make docs`:\n" + "\n".join(stale)


def test_a_stale_page_is_named_with_its_generator(tmp_path, monkeypatch):
    fresh, stale = tmp_path / "fresh.py", tmp_path / "stale.py"
    fresh.write_text("import sys; sys.exit(0)\n")
    stale.write_text("import sys; print('stale: docs/planted.md'); sys.exit(1)\n")
    monkeypatch.setattr(gen_docs, "TOOLS", tmp_path)
    assert gen_docs.run(("fresh.py", "stale.py"), check=True) == [
        "stale.py: stale: docs/planted.md"
    ]


def test_the_class_table_check_finds_a_stale_table_and_the_write_mends_it(tmp_path, monkeypatch):
    """The class table, made stale in a copy, is reported, then rewritten from classes.json."""
    import gen_class_table

    readme = tmp_path / "README.md"
    readme.write_text(gen_class_table.README.read_text().replace("| > 1% |", "| > 9% |"))
    monkeypatch.setattr(gen_class_table, "README", readme)
    assert gen_class_table.main(["--check"]) == 1
    assert gen_class_table.main([]) == 0
    assert gen_class_table.main(["--check"]) == 0
    assert "| > 1% |" in readme.read_text()
