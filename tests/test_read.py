import pytest

from syria_corpus.errors import InputError
from syria_corpus.read.documents import iter_paths, read_document


def test_utf8_with_hash(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("\ufeffDeir ez-Zor\u00a0attack".encode())
    doc = read_document(p)
    assert doc.text == "Deir ez-Zor\u00a0attack"
    assert doc.encoding == "utf-8" and doc.warnings == []
    assert len(doc.sha256) == 64


def test_legacy_encoding_is_decoded_with_warning(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Caf\u00e9 in Idlib".encode("cp1252"))
    doc = read_document(p)
    assert doc.text == "Caf\u00e9 in Idlib"
    assert doc.warnings == [f"{p}: not valid UTF-8; decoded as cp1252"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"  \n\n ", "file is empty"),
        (b"\x00\x01\x02binary\x00" * 50, "not a text document (binary data)"),
    ],
)
def test_bad_files(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError) as e:
        read_document(p)
    assert str(e.value) == f"{p}: {message}"


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(InputError) as e:
        list(iter_paths([tmp_path / "nope.txt"]))
    assert str(e.value) == f"{tmp_path / 'nope.txt'}: no such file or directory"
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "notes.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError) as e:
        list(iter_paths([tmp_path / "d"]))
    assert str(e.value) == (
        f"{tmp_path / 'd'}: no readable documents in this folder "
        "(looked for .csv, .htm, .html, .json, .jsonl, .ndjson, .tsv, .txt)"
    )


def test_folder_walk_is_recursive_sorted_and_skips_hidden(tmp_path):
    for name in ("b.txt", "a.txt", "sub/c.txt", ".git/x.txt", "skip.pdf"):
        f = tmp_path / name
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])] == ["a.txt", "b.txt", "sub/c.txt"]


def test_missing_shared_files_skip_in_a_clone_and_fail_in_ci(tmp_path):
    from conftest import shared_verdict

    present, absent = tmp_path / "gold.json", tmp_path / "nope.csv"
    present.write_text("[]")
    assert shared_verdict((present,), ci=True) is None
    message = f"needs {absent} (../shared beside the repository)"
    assert shared_verdict((present, absent), ci=False) == ("skip", message)
    assert shared_verdict((present, absent), ci=True) == ("fail", message)
