"""Model files per architecture, filled with each model's weights.

Saving a model (torch.onnx.export traces it; torch.jit.save pickles its code and compresses it) costs
milliseconds, the same work for every model of one architecture. The first model's file is kept as
a template with the spans where its trained parameters' float32 bytes stand; a later model's file is
the template with its own bytes written there, and in a TorchScript (zip) archive the CRC-32 of each
entry it changes. The result is byte for byte what saving that model would write. A template is kept
only when every trained parameter's bytes are found exactly once (elsewhere: saved every time).
"""
import io
import struct
import zipfile
import zlib

_templates = {}
_NONE = object()  # an architecture whose file is not patchable: save it every time


class _Template:
    def __init__(self, data, spans, crcs=()):
        self.data = data
        self.spans = spans  # (start, end) per trained parameter
        self.crcs = crcs  # (span index, offsets of that entry's CRC-32)

    def fill(self, blobs):
        data = bytearray(self.data)
        for (start, end), blob in zip(self.spans, blobs):
            if len(blob) != end - start:
                return None
            data[start:end] = blob
        for i, offsets in self.crcs:
            start, end = self.spans[i]
            crc = struct.pack('<I', zlib.crc32(data[start:end]))
            for offset in offsets:
                data[offset:offset + 4] = crc
        return bytes(data)


def fill(key, blobs):
    """The file of `key`'s architecture holding `blobs` (the trained parameters' bytes, in the order
    the template was made with), or None when there is no template: save, then remember."""
    template = _templates.get(key)
    return None if template is None or template is _NONE else template.fill(blobs)


def remember(key, template):
    if len(_templates) >= 64:  # a warm process may see many architectures over its life
        _templates.clear()
    _templates[key] = template or _NONE


def raw_template(data, blobs):
    """A template of a file that holds the blobs as raw bytes (torch.onnx.export's initialisers)."""
    spans = [(data.find(blob), data.find(blob) + len(blob)) for blob in blobs]
    ordered = sorted(spans)
    apart = all(end <= start for (_, end), (start, _) in zip(ordered, ordered[1:]))
    if apart and all(start >= 0 and data.count(blob) == 1 for (start, _), blob in zip(spans, blobs)):
        return _Template(data, spans)
    return None


def _stored_entries(data):
    """(start, end, CRC offsets) of each uncompressed entry of a zip archive, whose CRC-32 stands in
    its central directory record and in its local header or data descriptor; None if any is not
    where it should be."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    central, entries = archive.start_dir, []
    for info in archive.infolist():
        name, extra, comment = struct.unpack_from('<3H', data, central + 28)
        if info.compress_type == zipfile.ZIP_STORED:
            local_name, local_extra = struct.unpack_from('<2H', data, info.header_offset + 26)
            start = info.header_offset + 30 + local_name + local_extra
            end = start + info.file_size
            if not info.flag_bits & 0x08:
                local = info.header_offset + 14
            else:  # a data descriptor after the data, with or without its signature
                local = end + 4 if data[end:end + 4] == b'PK\x07\x08' else end
            offsets = (central + 16, local)
            if any(struct.unpack_from('<I', data, o)[0] != info.CRC for o in offsets):
                return None
            entries.append((start, end, offsets))
        central += 46 + name + extra + comment
    return entries


def zip_template(data, blobs):
    """A template of a TorchScript archive, each blob being the whole of one stored entry (a tensor's storage)."""
    entries = _stored_entries(data)
    if entries is None:
        return None
    spans, crcs = [], []
    for blob in blobs:
        found = [(start, end, offsets) for start, end, offsets in entries if data[start:end] == blob]
        if len(found) != 1 or found[0][:2] in spans:
            return None
        spans.append(found[0][:2])
        crcs.append((len(spans) - 1, found[0][2]))
    return _Template(data, spans, crcs)
