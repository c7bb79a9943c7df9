"""Steps the provider does on this machine: packaging a Lambda function's source folder, and naming an existing
function, prompt, KMS key or log group by its ARN."""
from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from ccdsl.dsl.confine import walk_files, why_outside
from ccdsl.runtime.providers.base import ProviderError

from ..engine import Context, Handler

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def zip_folder(folder: Path, target: Path, root: Path | None = None) -> str:
    """A reproducible zip of ``folder`` (sorted names, fixed timestamps); returns its sha256. Symlinks
    that lead outside ``root`` (default: ``folder``) are left out, never followed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in walk_files(folder, root if root is not None else folder):
            info = zipfile.ZipInfo(name, _FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return hashlib.sha256(target.read_bytes()).hexdigest()


class LambdaPackage(Handler):
    def create(self, ctx: Context, inputs):
        folder = Path(ctx.source_dir, str(inputs.get("Source", "")))
        reason = why_outside(ctx.source_dir, str(inputs.get("Source", "")))
        if reason is not None:
            raise ProviderError(f"function source folder {inputs.get('Source')}: {reason}")
        if not folder.is_dir():
            raise ProviderError(f"function source folder {folder} does not exist")
        name = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
        target = Path(ctx.source_dir, ".ccdsl", "build", f"{name}.zip").resolve()
        digest = zip_folder(folder, target, Path(ctx.source_dir))
        return {"id": inputs.get("Sha256") or digest, "zip_file": str(target), "sha256": digest}

    def read(self, ctx: Context, inputs, outputs):
        return dict(outputs) if outputs.get("zip_file") and Path(outputs["zip_file"]).is_file() else None

    def update(self, ctx: Context, inputs, outputs, changed):
        return self.create(ctx, inputs)

    def delete(self, ctx: Context, inputs, outputs):
        if outputs.get("zip_file"):
            Path(outputs["zip_file"]).unlink(missing_ok=True)


class _Existing(Handler):
    """Something that exists outside the site: its outputs come from what the site gives; nothing is called."""

    def read(self, ctx: Context, inputs, outputs):
        return dict(outputs) if outputs else None

    def update(self, ctx: Context, inputs, outputs, changed):
        return self.create(ctx, inputs)

    def delete(self, ctx: Context, inputs, outputs):
        return None


class ExistingFunction(_Existing):
    """A function deployed elsewhere: its outputs are the ARN and name the site gives."""

    def create(self, ctx: Context, inputs):
        return {"id": inputs["FunctionArn"], "arn": inputs["FunctionArn"], "name": inputs["FunctionName"]}


class ExistingPrompt(_Existing):
    """A prompt the instance already has: its outputs are the ARN, id and name the site gives."""

    def create(self, ctx: Context, inputs):
        return {"id": inputs["PromptId"], "arn": inputs["PromptArn"], "name": inputs["Name"]}


class ExistingKey(_Existing):
    """A KMS key made elsewhere: its outputs are the ARN the site gives and the key id in it."""

    def create(self, ctx: Context, inputs):
        return {"id": inputs["KeyId"], "arn": inputs["KeyArn"]}


class ExistingLogGroup(_Existing):
    """A log group made elsewhere: its outputs are the ARN the site gives and the name in it."""

    def create(self, ctx: Context, inputs):
        return {"id": inputs["LogGroupName"], "name": inputs["LogGroupName"], "arn": inputs["LogGroupArn"]}
