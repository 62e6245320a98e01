"""Load case files (JSON or YAML), resolve references into research bundles, apply scenarios.

Two file shapes are accepted:

- a case in the ``racecard.forecast/v1`` shape (see :mod:`racecard.forecast.case`);
- a research bundle (``racecard.forecast.cases/v0``, like ``../shared/forecast/cases.json``)
  holding several sourced cases. Its cases are free-form research notes, so each is run
  through a model spec (``racecard/forecast/specs/<case id>.yaml``, or a ``--spec`` file)
  whose leaves say ``{ref: "prices.gtn.US"}``: the value, unit, kind and source are then
  read from the bundle, and any key the spec gives beside ``ref`` overrides it.

Reference syntax: dotted keys relative to the bundle case (``/`` prefix: from the bundle
root); ``[key=value]`` picks a list item by a field; a number picks by index; ``#i``
picks item i of a list-valued leaf. ``{ref: [a, b], op: sum|product}`` combines leaves.
``{ref: obj, pick: [k, ...]}`` copies the listed keys of a non-leaf object.
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from racecard.errors import ConfigError, InputError, NotFoundError
from racecard.forecast.case import SCHEMA, Case, range_problems

BUNDLE_SCHEMA = "racecard.forecast.cases/v0"
SPEC_DIR = Path(__file__).parent / "specs"


@dataclass(frozen=True)
class LoadedCase:
    """A validated case, the raw mapping it came from (for scenarios) and its file."""

    case: Case
    raw: dict[str, Any]
    source: str
    scenario: str | None = None


def read_mapping(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("file not found", source=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", source=str(path)) from exc
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        return yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"not valid {'JSON' if path.suffix.lower() == '.json' else 'YAML'}: {exc}",
                         source=str(path)) from exc


def load_case(path: Path, case_id: str | None = None, *, spec: Path | None = None,
              scenario: str | None = None) -> LoadedCase:
    """Read, resolve and validate a case; apply ``scenario`` if named."""
    data = read_mapping(path)
    if not isinstance(data, dict):
        raise ConfigError("a case file must hold a mapping at the top level", source=str(path))
    if data.get("schema") == BUNDLE_SCHEMA:
        raw = _from_bundle(data, path, case_id, spec)
    else:
        if case_id is not None and data.get("id") != case_id:
            raise NotFoundError(f"case {case_id!r} is not in this file (it holds {data.get('id')!r})",
                                source=str(path))
        raw = data
    loaded = LoadedCase(validate(raw, str(path)), raw, str(path))
    if scenario is not None:
        loaded = with_scenario(loaded, scenario)
    return loaded


def validate(raw: dict[str, Any], source: str) -> Case:
    """Validate a raw case mapping, naming the failing field path and the problem.

    Beyond the schema, one point run checks what only the engine can (a launch without a
    price, a profile attribute without a score, a currency without FX).
    """
    from racecard.forecast.engine import run

    try:
        case = Case.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = _loc(raw, err["loc"])
        more = f" (and {len(exc.errors()) - 1} more problem(s))" if len(exc.errors()) > 1 else ""
        raise ConfigError(f"{_message(err)}{more}", source=source, field=field or "(case)") from None
    problems = range_problems(case)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ConfigError(problems[0][1] + more, source=source, field=problems[0][0])
    try:
        run(case)
    except ConfigError as exc:
        if exc.source is not None:
            raise
        named = ConfigError(exc.message, source=source)
        named.field = exc.field
        raise named from None
    return case


def _message(err: Any) -> str:
    msg = str(err["msg"])
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if err["type"] == "extra_forbidden":
        msg = "unknown field (not part of the case schema; check the spelling)"
    if "input" in err and err["type"] not in ("extra_forbidden", "missing") and not isinstance(
            err["input"], dict | list):
        msg += f" (got {err['input']!r})"
    return msg


def _loc(raw: Any, loc: tuple[Any, ...]) -> str:
    """Render a pydantic location, naming list items by their id where they have one."""
    out = ""
    node = raw
    for part in loc:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            label = item.get("id") if isinstance(item, dict) else None
            out += f"[{label}]" if isinstance(label, str) else f"[{part}]"
            node = item
        else:
            if str(part).startswith(("function-", "union[", "tagged-union")):
                continue
            out += ("." if out else "") + str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


def with_scenario(loaded: LoadedCase, name: str) -> LoadedCase:
    """The case with scenario ``name``'s overrides applied (a ``+`` joins several)."""
    raw = copy.deepcopy(loaded.raw)
    for one in name.split("+"):
        scenarios = raw.get("scenarios") or {}
        if one not in scenarios:
            known = ", ".join(sorted(scenarios)) or "none"
            raise NotFoundError(f"scenario {one!r} is not in the case (known: {known})", source=loaded.source)
        for path, value in (scenarios[one].get("set") or {}).items():
            _set_path(raw, path, value, f"scenarios.{one}.set", loaded.source, one)
    return LoadedCase(validate(raw, f"{loaded.source} (scenario {name})"), raw, loaded.source, name)


def _set_path(raw: dict[str, Any], path: str, value: Any, where: str, source: str, scenario: str) -> None:
    parts = _split(path)
    node: Any = raw
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part.startswith("["):
            if not isinstance(node, list):
                raise ConfigError(f"{path!r}: {part} is not a list", source=source, field=where)
            key = part[1:-1]
            match = [x for x in node if isinstance(x, dict) and x.get("id") == key]
            if not match:
                raise ConfigError(f"{path!r}: no item with id {key!r}", source=source, field=where)
            if last:
                raise ConfigError(f"{path!r}: cannot replace a whole list item", source=source, field=where)
            node = match[0]
            continue
        if not isinstance(node, dict):
            raise ConfigError(f"{path!r}: {part!r} is not inside a mapping", source=source, field=where)
        if last:
            old = node.get(part)
            if isinstance(old, dict) and "value" in old and not isinstance(value, dict):
                node[part] = {**old, "value": value, "kind": "assumption", "dist": None,
                              "note": f"scenario {scenario}; was {old.get('value')!r}"}
                node[part] = {k: v for k, v in node[part].items() if v is not None}
            else:
                node[part] = value
            return
        if part not in node:
            node[part] = {}
        node = node[part]


def _split(path: str) -> list[str]:
    out: list[str] = []
    for chunk in path.replace("[", ".[").split("."):
        if chunk:
            out.append(chunk)
    return out


# -- research bundles --------------------------------------------------------------------------


def _from_bundle(data: dict[str, Any], path: Path, case_id: str | None, spec: Path | None) -> dict[str, Any]:
    cases = {c.get("id"): c for c in data.get("cases", []) if isinstance(c, dict)}
    if case_id is None:
        raise ConfigError(f"this research bundle holds several cases; choose one with --case "
                          f"({', '.join(str(k) for k in cases)})", source=str(path), field="case")
    if case_id not in cases:
        raise NotFoundError(f"case {case_id!r} is not in the bundle (it holds {', '.join(map(str, cases))})",
                            source=str(path))
    spec_path = spec or SPEC_DIR / f"{case_id}.yaml"
    if not spec_path.exists():
        raise NotFoundError(f"no model spec for case {case_id!r} (looked for {spec_path})", source=str(path))
    tree = read_mapping(spec_path)
    if not isinstance(tree, dict):
        raise ConfigError("a spec must hold a mapping", source=str(spec_path))
    resolved = _resolve(tree, data, cases[case_id], str(spec_path), "")
    assert isinstance(resolved, dict)
    resolved.setdefault("schema", SCHEMA)
    resolved.setdefault("id", case_id)
    return resolved


def _resolve(node: Any, root: dict[str, Any], case: dict[str, Any], src: str, at: str) -> Any:
    if isinstance(node, list):
        return [_resolve(x, root, case, src, f"{at}[{i}]") for i, x in enumerate(node)]
    if not isinstance(node, dict):
        return node
    if "ref" not in node:
        return {k: _resolve(v, root, case, src, f"{at}.{k}" if at else str(k)) for k, v in node.items()}
    extra = {k: _resolve(v, root, case, src, f"{at}.{k}") for k, v in node.items()
             if k not in ("ref", "op", "pick")}
    refs = node["ref"] if isinstance(node["ref"], list) else [node["ref"]]
    found = [_lookup(str(r), root, case, src, at) for r in refs]
    if "pick" in node:
        obj = found[0]
        if not isinstance(obj, dict):
            raise ConfigError(f"ref {refs[0]!r} is not an object to pick from", source=src, field=at)
        return {**{k: obj[k] for k in node["pick"] if k in obj}, **extra}
    leaves = [f if isinstance(f, dict) else {"value": f} for f in found]
    if len(leaves) == 1:
        base = dict(leaves[0])
    else:
        values = [lf.get("value") for lf in leaves]
        if any(not isinstance(v, int | float) for v in values):
            raise ConfigError(f"refs {refs} must all be numbers to combine", source=src, field=at)
        op = node.get("op", "sum")
        if op not in ("sum", "product"):
            raise ConfigError(f"op must be sum or product, got {op!r}", source=src, field=at)
        nums = [float(v) for v in values if isinstance(v, int | float)]
        total = math.fsum(nums) if op == "sum" else math.prod(nums)
        base = {"value": total, "unit": leaves[0].get("unit", ""), "kind": "derived",
                "source": leaves[0].get("source"), "note": f"{op} of {', '.join(map(str, refs))}"}
    if base.get("value") is None and "value" not in extra:
        raise ConfigError(f"ref {refs[0]!r} is a gap in the bundle (value null); give a value beside the ref",
                          source=src, field=at)
    keep = ("value", "unit", "kind", "source", "note", "as_of")
    out = {k: base[k] for k in keep if k in base and base[k] is not None}
    out.update(extra)
    return out


def _lookup(ref: str, root: dict[str, Any], case: dict[str, Any], src: str, at: str) -> Any:
    node: Any = root if ref.startswith("/") else case
    text, _, index = ref.lstrip("/").replace("/", ".").partition("#")
    for part in _split(text):
        if part.startswith("[") and "=" in part:
            key, _, want = part[1:-1].partition("=")
            items = [x for x in node if isinstance(x, dict) and str(x.get(key)) == want] \
                if isinstance(node, list) else []
            if not items:
                raise ConfigError(f"ref {ref!r}: no item with {key}={want}", source=src, field=at)
            node = items[0]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            raise ConfigError(f"ref {ref!r}: {part!r} not found in the bundle", source=src, field=at)
    if index:
        if not isinstance(node, dict) or not isinstance(node.get("value"), list):
            raise ConfigError(f"ref {ref!r}: #{index} needs a list-valued leaf", source=src, field=at)
        node = {**node, "value": node["value"][int(index)]}
    return node
