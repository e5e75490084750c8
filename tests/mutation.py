#!/usr/bin/env python3
"""Mutation testing of the rule modules: mutmut 3, two patches, and the score.

    python tests/mutation.py run [PATH ...]     # mutate, run the fast tests, print the score
    python tests/mutation.py run NAME ...       # only these mutants (names or globs)
    python tests/mutation.py report [PATH ...]  # the score of the last run
    python tests/mutation.py show|results|apply|browse ...   # mutmut's own commands

`make mutation` runs `run` (MUTATE=PATH... limits it to some rule modules). Which
modules are mutated and which tests run is `[tool.mutmut]` in pyproject.toml; mutmut
copies the apps into mutants/ and works there.

Without PATH, `run` tests the mutants that have no result yet (new or changed code)
and those that survived last time; killed ones keep their result. With PATH, every
mutant of those modules is tested again.

Environment:
  MUTATION_JOBS   mutants tested at once (default 1); each takes its own database.
  MUTATION_TESTS  test paths instead of `tests` (e.g. tests/natverk), for a quicker look
                  at one app. mutmut then collects its statistics again and forgets the
                  earlier results; a mutant only other tests kill counts as survived.

The patches. mutmut 3 leaves every decorated function alone, and in these modules that
is every predicate (`@rules.predicate`) and most services (`@transaction.atomic`).
Both decorators only wrap a call, so here they are mutated too: the trampoline keeps
the decorators, the original and mutated copies it calls get none (so a mutant runs
inside the same transaction, under the same predicate), and the trampoline carries the
original signature, which django-rules reads to know how many arguments to pass.
`apply` puts the original decorators back on the function it writes.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Run as a script, this folder is first on sys.path; the tests must import the copies
# in mutants/, never the originals next to this file.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "tests"]

MUTABLE_DECORATORS = frozenset({"atomic", "predicate"})  # transaction.atomic, rules.predicate
KILLED = {"killed", "timeout", "segfault"}  # segfault: -9, the kill after a timeout
USAGE = __doc__.split("\n\n")[1]


# PATCHES
# ------------------------------------------------------------------------------
def _decorator_name(expression) -> str:
    import libcst as cst

    while isinstance(expression, cst.Call):
        expression = expression.func
    if isinstance(expression, cst.Attribute):
        return expression.attr.value
    return getattr(expression, "value", "")


def _mutable_decorated(node) -> bool:
    import libcst as cst

    return (
        isinstance(node, cst.FunctionDef)
        and bool(node.decorators)
        and all(_decorator_name(d.decorator) in MUTABLE_DECORATORS for d in node.decorators)
    )


def patch_mutmut() -> None:
    import libcst as cst
    from libcst.metadata import PositionProvider
    from mutmut.mutation import diff_apply, file_mutation, trampoline

    visitor = file_mutation.MutationVisitor
    skip = visitor._skip_node_and_children

    def skip_node_and_children(self, node) -> bool:
        if _mutable_decorated(node):
            position = self.get_metadata(PositionProvider, node, None)
            if not (position and position.start.line in self._ignored_node_lines):
                return False  # the decorators themselves are cst.Decorator: still skipped
        return skip(self, node)

    visitor._skip_node_and_children = skip_node_and_children

    arrange = file_mutation.function_trampoline_arrangement

    def function_trampoline_arrangement(function, mutants, class_name):
        declarations, nodes, assignments, names = arrange(function, mutants, class_name)
        if _mutable_decorated(function):
            nodes = [nodes[0], *(node.with_changes(decorators=[]) for node in nodes[1:])]
        return declarations, nodes, assignments, names

    file_mutation.function_trampoline_arrangement = function_trampoline_arrangement

    wrap = trampoline.wrap_in_trampoline

    def wrap_in_trampoline(mutants_dict, is_classmethod=False):
        decorate = wrap(mutants_dict, is_classmethod)

        def with_signature(function):
            wrapper = decorate(function)
            # getfullargspec (django-rules) does not follow __wrapped__, but reads this.
            wrapper.__signature__ = inspect.signature(function)
            return wrapper

        return with_signature

    trampoline.wrap_in_trampoline = wrap_in_trampoline

    read_mutant_function = diff_apply.read_mutant_function

    def read_mutant_function_with_decorators(module, mutant_name):
        function = read_mutant_function(module, mutant_name)
        name, _ = diff_apply.orig_function_and_class_names_from_key(mutant_name)
        path = diff_apply.find_mutant(mutant_name).path
        original = diff_apply.find_top_level_function_or_method(
            diff_apply.read_orig_module(path), name.rpartition(".")[-1]
        )
        if original is not None and _mutable_decorated(original):
            function = function.with_changes(decorators=original.decorators)
        return function

    def apply_mutant(mutant_name: str) -> None:
        # mutmut's own, reading the mutant from the file so that the decorators return.
        path = diff_apply.find_mutant(mutant_name).path
        name, _ = diff_apply.orig_function_and_class_names_from_key(mutant_name)
        name = name.rpartition(".")[-1]
        module = diff_apply.read_orig_module(path)
        original = diff_apply.find_top_level_function_or_method(module, name)
        if original is None:
            raise FileNotFoundError(f"Could not apply mutant {mutant_name}")
        mutant = read_mutant_function_with_decorators(
            diff_apply.read_mutants_module(path), mutant_name
        ).with_changes(name=cst.Name(name))
        Path(path).write_text(module.deep_replace(original, mutant).code)

    diff_apply.apply_mutant = apply_mutant
    import mutmut.__main__ as main

    main.apply_mutant = apply_mutant

    create = main.create_mutants_for_file

    def create_mutants_for_file(filename, output_path):
        # mutmut trusts mtimes: a source saved while it was being mutated (another
        # editor, a checkout) would keep its stale mutants for good. Mutate it again.
        for _attempt in range(3):
            source = Path(filename).read_bytes()
            result = create(filename, output_path)
            if Path(filename).read_bytes() == source:
                return result
            os.utime(output_path, (0, 0))
        raise RuntimeError(f"{filename} keeps changing while it is mutated: run again later")

    main.create_mutants_for_file = create_mutants_for_file


def configure_mutmut() -> None:
    from mutmut.configuration import config

    tests = os.environ.get("MUTATION_TESTS", "").split()
    if tests:
        selection = config().pytest_add_cli_args_test_selection
        config().pytest_add_cli_args_test_selection = tests + [
            arg for arg in selection if arg.startswith("-")
        ]


def mutmut(args: list[str]) -> int:
    os.chdir(REPO)
    patch_mutmut()
    configure_mutmut()
    from mutmut.__main__ import cli
    from mutmut.runners.harness import BadTestExecutionCommandsException

    try:
        cli.main(args=args, prog_name="mutmut", standalone_mode=False)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1
    except BadTestExecutionCommandsException as error:
        # mutmut has swallowed pytest's own message (a usage error, exit code 4).
        print(f"\n{error}\nRun that pytest command in mutants/ to see pytest's message.")
        return 4
    return 0


# WHICH MODULES
# ------------------------------------------------------------------------------
def rule_patterns() -> list[str]:
    import tomllib

    return tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["mutmut"]["only_mutate"]


def module_of(path: str) -> str:
    """overenskommelse/agreement/services/remiss.py -> overenskommelse.agreement.services.remiss"""
    return path.removesuffix(".py").replace("/", ".")


def globs_for(paths: Iterable[str]) -> list[str]:
    """Mutant-name globs for files or folders, each of which must hold rule modules. A
    mutant name or glob (`overenskommelse.agreement.services.remiss.x_remiss_update__mutmut_11`,
    `samverkan.group.services.group.x_meeting_*`) is passed on as it is."""
    globs = []
    patterns = rule_patterns()
    for raw in paths:
        if ".x_" in raw:
            globs.append(raw)
            continue
        path = raw.rstrip("/")
        if path.endswith(".py"):
            if not (REPO / path).is_file() or not any(fnmatch(path, p) for p in patterns):
                raise SystemExit(f"{raw} is not one of the rule modules ({', '.join(patterns)})")
            globs.append(module_of(path) + ".x*")
        else:
            if not any(fnmatch(f"{path}/x.py", p) or p.startswith(f"{path}/") for p in patterns):
                raise SystemExit(f"{raw} holds none of the rule modules ({', '.join(patterns)})")
            globs.append(module_of(path) + ".*")
    return globs


# RESULTS
# ------------------------------------------------------------------------------
@dataclass
class Tally:
    killed: int = 0
    survived: int = 0
    no_tests: int = 0
    other: int = 0
    harmless: int = 0  # of the survivors, those tests/mutation_survivors.md explains

    @property
    def total(self) -> int:
        """The mutants tested: those not run yet (`other`) are left out of the score."""
        return self.killed + self.survived + self.no_tests

    def add(self, other: Tally) -> None:
        self.killed += other.killed
        self.survived += other.survived
        self.no_tests += other.no_tests
        self.other += other.other
        self.harmless += other.harmless

    def line(self, label: str) -> str:
        percent = f"{100 * self.killed / self.total:5.1f} %" if self.total else "    - "
        notes = [
            f"{count} {what}"
            for count, what in (
                (self.survived, "survived"),
                (self.harmless, "listed as harmless"),
                (self.no_tests, "no tests"),
                (self.other, "not run"),
            )
            if count
        ]
        suffix = f"  ({', '.join(notes)})" if notes else ""
        return f"  {label:<42} {self.killed:>5} / {self.total:<5} {percent}{suffix}"


def results_by_file() -> dict[str, dict[str, int | None]]:
    results = {}
    for meta in sorted((REPO / "mutants").rglob("*.py.meta")):
        source = meta.relative_to(REPO / "mutants").as_posix().removesuffix(".meta")
        results[source] = json.loads(meta.read_text())["exit_code_by_key"]
    return results


def harmless_names() -> set[str]:
    """The mutants tests/mutation_survivors.md explains (each `name` in backticks)."""
    path = REPO / "tests" / "mutation_survivors.md"
    text = path.read_text() if path.exists() else ""
    return set(re.findall(r"`([\w.ǁ]+__mutmut_\d+)`", text))


def tally(exit_codes: dict[str, int | None]) -> Tally:
    from mutmut.stats import status_by_exit_code

    harmless = harmless_names()
    counts = Tally()
    for name, code in exit_codes.items():
        status = status_by_exit_code[code]
        if status in KILLED:
            counts.killed += 1
        elif status == "survived":
            counts.survived += 1
            counts.harmless += name in harmless
        elif status == "no tests":
            counts.no_tests += 1
        else:
            counts.other += 1
    return counts


def report(paths: list[str]) -> int:
    results = results_by_file()
    if not results:
        print("No mutation results yet: run `make mutation` first.")
        return 1
    globs = globs_for(paths) if paths else []
    patterns = rule_patterns()
    print("Mutation score: killed / mutants tested (a timeout counts as killed)")
    total = Tally()
    for pattern in patterns:
        group = Tally()
        lines = []
        for source, codes in results.items():
            if not fnmatch(source, pattern):
                continue
            if globs:
                codes = {k: v for k, v in codes.items() if any(fnmatch(k, g) for g in globs)}
            if not codes:
                continue
            counts = tally(codes)
            group.add(counts)
            lines.append((source, counts))
        if not group.total + group.other:
            continue
        if len(lines) == 1:  # one module of the group (MUTATE): name it
            print(group.line(lines[0][0]))
        else:
            print(group.line(pattern.removesuffix("*")))
            for source, counts in lines:
                print(counts.line("  " + source.rpartition("/")[-1]))
        total.add(group)
    print(total.line("total"))
    if total.survived + total.no_tests > total.harmless:
        print(
            "Survivors: `python tests/mutation.py results` lists them, "
            "`python tests/mutation.py show <name>` shows one; "
            "tests/mutation_survivors.md lists those that are harmless."
        )
    return 0


def retest_survivors() -> None:
    """Survivors of an earlier run get no result, so that a plain `run` tests them again."""
    from mutmut.stats import status_by_exit_code

    for meta in (REPO / "mutants").rglob("*.py.meta"):
        data = json.loads(meta.read_text())
        codes = data["exit_code_by_key"]
        for key, code in codes.items():
            if code is not None and status_by_exit_code[code] not in KILLED:
                codes[key] = None
        meta.write_text(json.dumps(data, indent=4))


def drop_slot_databases() -> None:
    """The databases tests/mutation_plugin.py made for this run."""
    import psycopg
    from psycopg import sql

    base = os.environ.get("PORTAL_TEST_DB_NAME", "test_portal")
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    pattern = re.compile(re.escape(base) + r"_mutation\d+")
    with psycopg.connect(url, autocommit=True) as connection:
        names = [row[0] for row in connection.execute("SELECT datname FROM pg_database")]
        for name in filter(pattern.fullmatch, names):
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def run(paths: list[str]) -> int:
    globs = globs_for(paths)
    jobs = os.environ.get("MUTATION_JOBS", "1")
    if not globs and (REPO / "mutants").is_dir():
        os.chdir(REPO)
        retest_survivors()
    started = time.monotonic()
    try:
        code = mutmut(["run", "--max-children", jobs, *globs])
    finally:
        drop_slot_databases()
    minutes, seconds = divmod(round(time.monotonic() - started), 60)
    print(f"\nmutmut run {' '.join(globs) or '(all rule modules)'}: {minutes} min {seconds} s")
    report(paths)
    return code


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command == "run":
        return run(rest)
    if command == "report":
        return report(rest)
    return mutmut(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
