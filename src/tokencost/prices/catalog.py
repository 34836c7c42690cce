"""
The catalog: every known model, found by name, priced as of a date.

Names resolve like this:

- ``provider:model`` (``zhipuai:glm-5.2``) looks only at that provider.
- A bare name (``glm-5.2``, ``GLM-5.2``) looks only at first-party
  providers, the model makers' own APIs; a host (a reseller) is never picked
  silently. If several first-party providers know the name, the one whose
  sheet is marked ``home`` wins (Z.ai's USD list over bigmodel.cn's CNY one
  for ``glm-5.2``); failing that, the error lists them.
- Matching ignores case, tries aliases, then the rules of names.py.

The bundled catalog is read on first use, never at import.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from tokencost._errors import (
    AmbiguousModelError,
    InvalidPriceSheetError,
    UnknownModelError,
    WrongTypeError,
)
from tokencost._parsing import shorten
from tokencost.prices.bundled import data_path
from tokencost.prices.model import ModelPrice

if TYPE_CHECKING:
    from pathlib import Path

    from tokencost.prices.sheets import ProviderSheet

__all__ = [
    "Catalog",
    "default_catalog",
    "load_catalog",
    "load_sheet",
    "models",
    "price",
    "set_default_catalog",
    "sheet_json_schema",
]


# Longer names are refused at once, and cut in the message: no model id
# comes close, and matching them against every name would be slow.
_LONGEST_NAME = 200
_NOT_FOUND = (UnknownModelError, AmbiguousModelError)


class Catalog:
    """
    A set of priced models, indexed by name.

    Build one from sheets with `load_catalog`, or layer user sheets over the
    bundled catalog with `Catalog.layered`.
    """

    __slots__ = ("_bare", "_by_provider", "_found", "_models", "_names")

    def __init__(self, models: Iterable[ModelPrice]) -> None:
        self._models: dict[str, ModelPrice] = {}
        self._by_provider: dict[str, dict[str, ModelPrice]] = {}
        self._bare: dict[str, list[ModelPrice]] = {}
        self._names: list[str] | None = None
        # Names already resolved, as given: a hot loop pricing the same few
        # models pays one dict lookup per call. Models are only ever added
        # (the bundled catalog reads its sheets as names are asked for), and
        # adding clears the cache.
        self._found: dict[str, ModelPrice] = {}
        self._add(models)

    def _add(self, models: Iterable[ModelPrice]) -> None:
        """Index *models*; they must not share ids with models already here."""
        batch: dict[str, ModelPrice] = {}
        for model in models:
            # A later model with the same id replaces an earlier one: that is
            # how a user's sheet overrides a bundled price.
            batch[model.id] = model
        self._models.update(batch)
        for model in batch.values():
            names = self._by_provider.setdefault(model.provider.lower(), {})
            for name in (model.model, *model.aliases):
                names[name.lower()] = model
                if model.first_party:
                    self._bare.setdefault(name.lower(), []).append(model)
        self._names = None
        self._found.clear()

    def __len__(self) -> int:
        return len(self._models)

    def __iter__(self) -> Iterator[ModelPrice]:
        return iter(self._models.values())

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        try:
            self.get(name)
        except LookupError:
            return False
        return True

    def __repr__(self) -> str:
        return f"<Catalog: {len(self)} models, {len(self.providers())} providers>"

    def providers(self) -> list[str]:
        """The provider ids, sorted."""
        return sorted({m.provider for m in self._models.values()})

    def models(self, provider: str | None = None) -> list[ModelPrice]:
        """The models, sorted by id; only *provider*'s if given."""
        chosen = list(self._models.values())
        if provider is not None:
            _check_provider(provider)
            key = provider.lower()
            if key not in self._by_provider:
                raise UnknownModelError(
                    f"unknown provider {provider!r}{self._hint(key, self.providers())}"
                )
            chosen = [m for m in chosen if m.provider.lower() == key]
        return sorted(chosen, key=lambda m: m.id)

    def get(self, name: str) -> ModelPrice:
        """
        The model called *name*; see the module docstring for the rules.

        Raises:
            UnknownModelError: no model has that name (with "did you mean").
            AmbiguousModelError: a bare name needs a provider prefix.
        """
        if not isinstance(name, str):
            return self._lookup(name)
        found = self._found.get(name)
        if found is None:
            found = self._resolve(name)
            # Bounded, so endless distinct spellings cannot grow it forever.
            if len(self._found) < 65_536:
                self._found[name] = found
        return found

    def _resolve(self, name: str) -> ModelPrice:
        """*name*, else what the name rules make of it (a hosts-only one too)."""
        try:
            return self._lookup(name)
        except _NOT_FOUND as exc:
            key = name.strip().lower()
            self._lookup_bare(key)
            several = ":" in key or key in self._bare  # first-party models
            if isinstance(exc, UnknownModelError) or not several:
                from tokencost.prices.names import first_known

                found = first_known(name, self._lookup, _NOT_FOUND)
                if found is not None:
                    return found
            raise

    def siblings(self, price: ModelPrice) -> list[ModelPrice]:
        """The other first-party lists that sell *price*'s model under the
        same name (Z.ai's and bigmodel.cn's ``glm-5.2``), by id."""
        self._lookup_bare(price.model)
        return sorted(
            (m for m in self._bare.get(price.model.lower(), ()) if m.id != price.id),
            key=lambda m: m.id,
        )

    def _lookup_bare(self, name: str) -> None:
        """Make sure every first-party model called *name* is loaded."""

    def _lookup(self, name: str) -> ModelPrice:
        if isinstance(name, ModelPrice):
            return name
        if not isinstance(name, str):
            raise WrongTypeError(
                f"model must be a name such as 'glm-5.2', not {shorten(repr(name))}"
            )
        if len(name) > _LONGEST_NAME:
            raise UnknownModelError(
                f"unknown model {shorten(repr(name))}: longer than any model name "
                f"({len(name):,} characters)"
            )
        key = name.strip().lower()
        provider, sep, rest = key.partition(":")
        if sep and provider in self._by_provider:
            found = self._by_provider[provider].get(rest)
            if found is not None:
                return found
            candidates = list(self._by_provider[provider])
            raise UnknownModelError(
                f"unknown model {name!r} at provider {provider!r}"
                + self._hint(rest, candidates, prefix=f"{provider}:")
            )
        matches = self._bare.get(key)
        if matches is not None and len(matches) > 1:
            homes = [m for m in matches if m.home]
            if len(homes) == 1:
                return homes[0]
        if matches is not None and len(matches) == 1:
            return matches[0]
        if matches:
            ids = ", ".join(sorted(m.id for m in matches))
            raise AmbiguousModelError(
                f"model name {name!r} is ambiguous: it could be {ids}; "
                "use one of these ids"
            )
        hosts = sorted(
            m.id
            for p, names in self._by_provider.items()
            for n, m in names.items()
            if n == key
        )
        if hosts:
            raise AmbiguousModelError(
                f"model {name!r} is offered only by hosts, so it needs a provider "
                f"prefix: {', '.join(sorted(set(hosts)))}"
            )
        raise UnknownModelError(f"unknown model {name!r}{self._hint(key, self._all())}")

    def _all(self) -> list[str]:
        if self._names is None:
            names = set(self._bare)
            names.update(m.id.lower() for m in self._models.values())
            self._names = sorted(names)
        return self._names

    @staticmethod
    def _hint(key: str, candidates: Iterable[str], prefix: str = "") -> str:
        import difflib

        best = difflib.get_close_matches(key, list(candidates), n=3, cutoff=0.6)
        if not best:
            return ""
        if len(best) == 1:
            return f" (did you mean {prefix + best[0]!r}?)"
        return " (did you mean " + ", ".join(repr(prefix + b) for b in best) + "?)"

    def layered(self, over: Catalog) -> Catalog:
        """A catalog of *over*'s models with these ones on top (these win)."""
        return Catalog([*over, *self])


def load_sheet(path: str | Path) -> ProviderSheet:
    """
    Read and validate one price sheet (TOML or JSON).

    Raises:
        InvalidPriceSheetError: naming the file, the field and the problem.
    """
    # pydantic is imported only when a sheet is read, to keep import light.
    from tokencost.prices.sheets import load_sheet as load

    return load(path)


def sheet_json_schema() -> dict[str, object]:
    """The JSON Schema of a price sheet, for editors and other tools."""
    from tokencost.prices.sheets import sheet_json_schema as schema

    return schema()


def _load_paths(paths: Iterable[str | Path]) -> list[ModelPrice]:
    # pydantic is imported only when a user sheet is read.

    from tokencost.prices.sheets import load_sheet

    models: list[ModelPrice] = []
    for raw in paths:
        path = _as_path(raw, "a price sheet")
        try:
            files = (
                sorted([*path.glob("*.toml"), *path.glob("*.json")])
                if path.is_dir()
                else [path]
            )
        except OSError as exc:
            raise InvalidPriceSheetError(
                f"{shorten(str(path))}: cannot read: {exc.strerror or exc}"
            ) from None
        for file in files:
            models.extend(load_sheet(file).to_models())
    return models


def load_catalog(*paths: str | Path, bundled: bool = True) -> Catalog:
    """
    A catalog from sheet files, layered over the bundled one by default.

    Args:
        paths: TOML or JSON sheets, or folders of them. Later files win.
        bundled: False to use the given sheets alone.
    """
    user = Catalog(_load_paths(paths))
    return user.layered(_bundled()) if bundled else user


class _Bundled(Catalog):
    """
    The catalog shipped with tokencost, read provider by provider.

    A small index (every name, lower case, with the providers that know it)
    says which sheets a lookup needs, so pricing one model parses one or two
    of the 100-odd sheets. Listing, iterating or failing to find a name (to
    suggest close ones) reads them all, once.

    Loading is thread-safe: one lock covers reading sheets and every lookup
    that may read one, so threads starting together get the answers one
    thread gets. Names already resolved are answered without the lock.
    """

    __slots__ = ("_first_party", "_index", "_loaded", "_lock")

    def __init__(self) -> None:
        import json
        import threading

        super().__init__(())
        self._lock = threading.RLock()
        with open(data_path("index.json"), encoding="utf-8") as file:
            text = file.read()
        index = json.loads(text)
        self._index: dict[str, list[str]] = index["names"]
        self._first_party: frozenset[str] = frozenset(index["first_party"])
        self._loaded: set[str] | None = set()

    def _load(self, providers: Iterable[str]) -> None:
        if self._loaded is None:
            return
        # The bundled sheets are validated by the test suite, so they are
        # read without pydantic (see tokencost.prices.bundled).
        from tokencost.prices.bundled import read_sheet

        for provider in providers:
            if provider in self._loaded:
                continue
            path = data_path("providers", f"{provider}.toml")
            with open(path, encoding="utf-8") as sheet:
                text = sheet.read()
            self._add(read_sheet(text))
            # Marked only once its models are in.
            self._loaded.add(provider)

    def _load_all(self) -> None:
        if self._loaded is None:
            return
        self._load(
            sorted(
                name.removesuffix(".toml")
                for name in os.listdir(data_path("providers"))
                if name.endswith(".toml")
            )
        )
        self._loaded = None

    def _lookup(self, name: str) -> ModelPrice:
        with self._lock:
            return self._lookup_loading(name)

    def _lookup_loading(self, name: str) -> ModelPrice:
        if isinstance(name, str):
            key = name.strip().lower()
            provider, sep, rest = key.partition(":")
            if sep:
                self._load(p for p in self._index.get(rest, ()) if p == provider)
            # A bare name needs only the first-party sheets that know it,
            # unless it turns out to be ambiguous or unknown there.
            pids = self._index.get(key, ())
            self._load(p for p in pids if p in self._first_party)
            try:
                return super()._lookup(name)
            except (AmbiguousModelError, UnknownModelError):
                self._load(pids)
        try:
            return super()._lookup(name)
        except UnknownModelError:
            self._load_all()
            return super()._lookup(name)

    def _lookup_bare(self, name: str) -> None:
        pids = self._index.get(name.lower(), ())
        self._load(p for p in pids if p in self._first_party)

    def __len__(self) -> int:
        with self._lock:
            self._load_all()
            return super().__len__()

    def __bool__(self) -> bool:  # never empty; `__len__` would read every sheet
        return True

    def __iter__(self) -> Iterator[ModelPrice]:
        with self._lock:
            self._load_all()
            return iter(list(super().__iter__()))

    def providers(self) -> list[str]:
        with self._lock:
            self._load_all()
            return super().providers()

    def models(self, provider: str | None = None) -> list[ModelPrice]:
        _check_provider(provider)
        with self._lock:
            if provider is not None and provider.lower() in self._providers_on_disk():
                self._load([provider.lower()])
            else:
                self._load_all()
            return super().models(provider)

    def _providers_on_disk(self) -> set[str]:
        return {p for pids in self._index.values() for p in pids}


@functools.cache
def _bundled() -> Catalog:
    """The catalog shipped with tokencost, read on first use, lazily.

    Threads racing on the very first call may each build one; each gives
    the same answers, and the cache keeps one.
    """
    return _Bundled()


_default: Catalog | None = None


def default_catalog() -> Catalog:
    """The catalog the module-level functions use when none is given."""
    return _default if _default is not None else _bundled()


def set_default_catalog(catalog: Catalog | None) -> None:
    """
    Make *catalog* the default for every call without ``catalog=``.

    Pass None to go back to the bundled catalog.
    """
    global _default  # noqa: PLW0603 - one process-wide default, by design
    _default = catalog


def _check_provider(provider: object) -> None:
    if provider is not None and not isinstance(provider, str):
        raise WrongTypeError(
            f"provider must be an id such as 'zai', not {shorten(repr(provider))}"
        )


def _as_path(value: object, what: str) -> Path:
    """*value* as a path, or a `WrongTypeError` naming what was expected."""
    from pathlib import Path

    if isinstance(value, str | os.PathLike) and not isinstance(value, bytes):
        return Path(value)
    raise WrongTypeError(
        f"{what} must be a path, not {type(value).__name__} {shorten(repr(value))}"
    )


def check_catalog(catalog: object) -> Catalog:
    """*catalog*, or the default one for None; a `WrongTypeError` for
    anything else."""
    if catalog is None:
        return default_catalog()
    if isinstance(catalog, Catalog):
        return catalog
    raise WrongTypeError(
        f"catalog must be a tokencost.Catalog, not {type(catalog).__name__}"
    )


def resolve(model: str | ModelPrice, catalog: Catalog | None) -> ModelPrice:
    """*model* as a `ModelPrice`, looked up in *catalog* or the default."""
    if isinstance(model, ModelPrice):
        return model
    return check_catalog(catalog).get(model)


def price(model: str, *, catalog: Catalog | None = None) -> ModelPrice:
    """
    The `ModelPrice` of *model*: its currency and full price history.

    >>> price("glm-5.2").current.standard.rates.output_mtok
    Decimal('4.40')
    """
    return check_catalog(catalog).get(model)


def models(
    provider: str | None = None, *, catalog: Catalog | None = None
) -> list[ModelPrice]:
    """Every model in the catalog, sorted by id; only *provider*'s if given."""
    return check_catalog(catalog).models(provider)
