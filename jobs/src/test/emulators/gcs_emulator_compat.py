"""Starts gcp-storage-emulator with two fixes that the GCS Hadoop connector (gcs-connector 2.2) needs.

1. GCS answers a missing object or bucket with a JSON error body ({"error": {"code": 404,
   "errors": [{"reason": "notFound"}]}}); gcp-storage-emulator sends most 404s with an empty
   body, and the connector reads "not found" from that body, so every existence check of a
   missing path was an error.
2. The connector marks directories with empty objects whose names end in "/" ("a/b/"). The
   emulator's disk store writes such an object as a file "a/b", and the next object "a/b/c"
   then cannot be written. Directory markers are kept as directories instead.

Nothing else changes: objects are files under <STORAGE_BASE>/<STORAGE_DIR>/<bucket>/<name>.
"""
import json
import sys
from http import HTTPStatus

from gcp_storage_emulator import server, storage

_close = server.Response.close


def _close_with_gcs_error_body(self):
    if self.status == HTTPStatus.NOT_FOUND and not self._content and self._handler.command != "HEAD":
        self["Content-type"] = "application/json"
        self._content = json.dumps({"error": {"code": 404, "message": "Not Found",
                                              "errors": [{"domain": "global", "reason": "notFound", "message": "Not Found"}]}})
    _close(self)


server.Response.close = _close_with_gcs_error_body

_store = storage._FileStore
_write, _read, _exists, _remove = _store.write_bytes, _store.read_bytes, _store.exists_file, _store.remove_file


def _is_marker(self, rel):
    return rel.endswith("/") and not self._use_memory


def _write_bytes(self, rel, content):
    if _is_marker(self, rel) and not content:
        self.makedirs(rel)
        return
    _write(self, rel, content)


def _read_bytes(self, rel):
    if _is_marker(self, rel) and self._disk_path(rel).is_dir():
        return b""
    return _read(self, rel)


def _exists_file(self, rel):
    if _is_marker(self, rel):
        return self._disk_path(rel).is_dir()
    return _exists(self, rel)


def _remove_file(self, rel):
    if _is_marker(self, rel):
        path = self._disk_path(rel)
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
        return
    _remove(self, rel)


_store.write_bytes, _store.read_bytes, _store.exists_file, _store.remove_file = _write_bytes, _read_bytes, _exists_file, _remove_file

from gcp_storage_emulator.__main__ import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
