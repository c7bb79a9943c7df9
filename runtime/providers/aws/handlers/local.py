"""Steps the provider does on this machine: packaging a Lambda function's source folder."""
from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from ccdsl.runtime.providers.base import ProviderError

from ..engine import Context, Handler

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def zip_folder(folder: Path, target: Path) -> str:
    """A reproducible zip of ``folder`` (sorted names, fixed timestamps); returns its sha256."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), _FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return hashlib.sha256(target.read_bytes()).hexdigest()


class LambdaPackage(Handler):
    def create(self, ctx: Context, inputs):
        folder = Path(ctx.source_dir, str(inputs.get("Source", "")))
        if not folder.is_dir():
            raise ProviderError(f"function source folder {folder} does not exist")
        name = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
        target = Path(ctx.source_dir, ".ccdsl", "build", f"{name}.zip").resolve()
        digest = zip_folder(folder, target)
        return {"id": inputs.get("Sha256") or digest, "zip_file": str(target), "sha256": digest}

    def read(self, ctx: Context, inputs, outputs):
        return dict(outputs) if outputs.get("zip_file") and Path(outputs["zip_file"]).is_file() else None

    def update(self, ctx: Context, inputs, outputs, changed):
        return self.create(ctx, inputs)

    def delete(self, ctx: Context, inputs, outputs):
        if outputs.get("zip_file"):
            Path(outputs["zip_file"]).unlink(missing_ok=True)
