"""Shared fixtures and the opt-in switches for the book's slow checks.

Plain ``pytest`` runs the unit, property and doctest suite. The checks that
execute or build the book are opt-in (``pytest --help`` lists them)::

    --run-notebooks   execute every notebook in book/ with nbval
    --run-build       the strict Jupyter Book build (tests marked ``build``)
    --run-browser     the built book in Chromium (tests marked ``browser``)
    --run-nbgrader    the nbgrader round trip of the instructor page (marker ``nbgrader``)
    --book            all four (what tools/run_tests.py and .ci/run pass)

One execution per notebook
    When nbval runs, this file records what each notebook cell printed and
    displayed, builds the executed notebook from it and writes it into a
    jupyter-cache that is new in every pytest session. The ``built_book``
    fixture then builds with ``execute_notebooks: cache`` pointed at that
    cache, so the build reuses nbval's execution instead of running every
    notebook a second time. A notebook that nbval did not run completely
    (deselected, skipped or failed cells) is not cached, and the build
    executes it itself. ``_config.yml`` keeps ``execute_notebooks: force``,
    so ``tools/build_book.py`` always executes every notebook afresh.

Under CI (``CI=true``, as ``.ci/run`` sets it) a missing Chromium is a test
failure; on a learner's machine the browser tests are skipped with a message.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Timing on a busy 2-core CI machine is not a property: no per-example deadline.
settings.register_profile("lrcourse", deadline=None, print_blob=True)
settings.load_profile("lrcourse")

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


# -- opt-in switches -----------------------------------------------------------


def pytest_addoption(parser):
    group = parser.getgroup("lrcourse", "lrcourse book checks (slow, opt-in; run from the repository root)")
    group.addoption(
        "--book", action="store_true",
        help="run every book check: the same as --run-notebooks --run-build --run-browser "
        "--run-nbgrader (tools/run_tests.py and .ci/run pass it).",
    )
    group.addoption(
        "--run-notebooks", action="store_true",
        help="execute every notebook in book/ with nbval (lax: cells fail on errors and asserts; "
        "outputs are checked only in cells tagged nbval-check-output).",
    )
    group.addoption(
        "--run-build", action="store_true",
        help="run the strict Jupyter Book build (-W -n) and the checks of its HTML (marker 'build'). "
        "Notebooks that nbval executed in the same run are not executed again.",
    )
    group.addoption(
        "--run-browser", action="store_true",
        help="drive Chromium against the built book (marker 'browser'; builds the book first). "
        "Without a Chromium these tests skip, or fail when CI=true.",
    )
    group.addoption(
        "--run-nbgrader", action="store_true",
        help="run the instructor page's nbgrader commands on every chapter: generate the "
        "assignments, autograde a right, a blank and a mixed submission, export the grades "
        "(marker 'nbgrader').",
    )


def _wanted(config, what: str) -> bool:
    return bool(config.getoption("--book") or config.getoption(f"--run-{what}"))


def pytest_configure(config):
    if _wanted(config, "notebooks"):
        config.option.nbval_lax = True  # nbval collects *.ipynb only when this is set
    config.stash[_RUNS] = {}
    # Hooks in this conftest see only items under tests/; the notebooks are in book/.
    config.pluginmanager.register(_NbvalRecorder(), "lrcourse-nbval-recorder")


OPT_IN = {  # marker (= the --run-<marker> switch) -> why the test is skipped
    "build": "the strict book build is opt-in: pytest --run-build (or --book)",
    "browser": "the browser tests are opt-in: pytest --run-browser (or --book)",
    "nbgrader": "the nbgrader round trip is opt-in: pytest --run-nbgrader (or --book)",
}


def _is_notebook_cell(item) -> bool:
    return type(item).__name__ == "IPyNbCell"


def pytest_collection_modifyitems(config, items):
    for item in items:
        for marker, reason in OPT_IN.items():
            if item.get_closest_marker(marker) and not _wanted(config, marker):
                item.add_marker(pytest.mark.skip(reason=reason))

    # Fast tests first, then the notebooks (so the build can reuse their
    # execution), then the build, then the browser.
    def rank(item) -> int:
        if _is_notebook_cell(item):
            return 1
        if item.get_closest_marker("browser"):
            return 3
        if item.get_closest_marker("build"):
            return 2
        return 0

    items.sort(key=rank)  # stable: keeps the order within each group


# -- recording nbval's execution -----------------------------------------------


class _NotebookRun:
    """What one nbval session of one notebook produced, cell by cell."""

    def __init__(self, path: Path, nb) -> None:
        self.path = path
        self.nb = nb
        self.n_code = sum(c.cell_type == "code" for c in nb.cells)
        self.outputs: dict[int, list] = {}  # code-cell number -> outputs
        self.passed: set[int] = set()
        self.messages: list[dict] = []  # iopub messages of the cell being run
        self.cell_msg_id: str | None = None
        self.language_info: dict | None = None
        self.display_ids: dict[str, list[tuple[int, int]]] = {}
        self.output_widgets: dict[str, str] = {}  # comm id -> msg id it captures
        self.unsupported: str | None = None
        self.seconds = 0.0

    @property
    def complete(self) -> bool:
        return self.unsupported is None and len(self.passed) == self.n_code

    def executed_notebook(self):
        """The notebook with nbval's outputs, as a notebook client would write it."""
        nb = copy.deepcopy(self.nb)
        if self.language_info:
            nb.metadata["language_info"] = self.language_info
        code_cells = [c for c in nb.cells if c.cell_type == "code"]
        for num, cell in enumerate(code_cells):
            cell.execution_count = num + 1
            cell.outputs = self.outputs[num]
            for out in cell.outputs:
                if out.output_type == "execute_result":
                    out.execution_count = num + 1
        return nb


_RUNS = pytest.StashKey[dict]()


def _start_recording(item, run: _NotebookRun) -> None:
    """Tap the nbval kernel of ``item``'s notebook (once per kernel)."""
    kernel = item.parent.kernel
    if kernel is None or getattr(kernel, "_lrcourse_run", None) is run:
        return
    kernel._lrcourse_run = run
    reply = kernel.kc.kernel_info(reply=True, timeout=30)
    run.language_info = reply["content"].get("language_info")

    get_message, execute = kernel.get_message, kernel.execute_cell_input

    def recording_get_message(stream, timeout=None):
        msg = get_message(stream, timeout=timeout)
        if stream == "iopub":
            run.messages.append(msg)
        return msg

    def recording_execute(cell_input, allow_stdin=None):
        run.messages.clear()
        run.cell_msg_id = execute(cell_input, allow_stdin=allow_stdin)
        return run.cell_msg_id

    kernel.get_message = recording_get_message
    kernel.execute_cell_input = recording_execute


def _outputs_from_messages(run: _NotebookRun, cell_num: int) -> list:
    """Turn one cell's iopub messages into outputs the way nbclient does.

    Handles clear_output (immediate and wait=True), display ids and
    update_display_data, and leaves out what an ``ipywidgets.Output``
    captures (nbclient puts that in the widget state, not the cell).
    """
    from nbformat.v4 import output_from_msg

    outs: list = []
    clear_pending = False
    for msg in run.messages:
        if msg["parent_header"].get("msg_id") != run.cell_msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind.startswith("comm"):
            state = (content.get("data") or {}).get("state") or {}
            if kind == "comm_open" and state.get("_model_name") == "OutputModel":
                run.output_widgets[content["comm_id"]] = state.get("msg_id", "")
            elif content.get("comm_id") in run.output_widgets and "msg_id" in state:
                run.output_widgets[content["comm_id"]] = state["msg_id"]
            continue
        if kind in ("status", "execute_input", "execute_reply"):
            continue
        if run.cell_msg_id in run.output_widgets.values():
            continue  # captured by an Output widget
        transient = content.get("transient") or {}
        display_id = transient.get("display_id")
        if kind == "clear_output":
            if content.get("wait"):
                clear_pending = True
            else:
                outs.clear()
            continue
        if display_id and kind in ("display_data", "execute_result", "update_display_data"):
            update = dict(msg, msg_type="display_data", header=dict(msg["header"], msg_type="display_data"))
            new = output_from_msg(update)
            for c, i in run.display_ids.get(display_id, []):
                target = outs if c == cell_num else run.outputs.get(c)
                if target is not None and i < len(target):
                    target[i]["data"], target[i]["metadata"] = new["data"], new["metadata"]
        if kind == "update_display_data":
            continue
        try:
            out = output_from_msg(msg)
        except ValueError:
            run.unsupported = f"cell {cell_num}: iopub message {kind!r}"
            continue
        if clear_pending:
            outs.clear()
            clear_pending = False
        if display_id:
            run.display_ids.setdefault(display_id, []).append((cell_num, len(outs)))
        outs.append(out)
    return outs


class _NbvalRecorder:
    """Plugin (registered for the whole session, not only for tests/) that
    records each nbval cell's outputs while nbval runs it."""

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_setup(self, item):
        if not _is_notebook_cell(item):
            yield
            return
        # The kernel starts in the notebook's setup (first cell). When the
        # build will reuse this execution, the kernel is told it runs for the
        # book, as the build tells the kernels it starts itself: explorers
        # then render their static HTML.
        from lrcourse.explorers import BOOK_BUILD_ENV

        reuse = _wanted(item.config, "build") or _wanted(item.config, "browser")
        saved = os.environ.get(BOOK_BUILD_ENV)
        if reuse:
            os.environ[BOOK_BUILD_ENV] = "1"
        try:
            yield
        finally:
            if reuse:
                if saved is None:
                    os.environ.pop(BOOK_BUILD_ENV, None)
                else:
                    os.environ[BOOK_BUILD_ENV] = saved
        runs = item.config.stash[_RUNS]
        path = Path(str(item.parent.fspath))
        if path not in runs:
            runs[path] = _NotebookRun(path, item.parent.nb)
        if item.parent.kernel is not None:
            _start_recording(item, runs[path])

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        if call.when != "call" or not _is_notebook_cell(item):
            return
        run = item.config.stash[_RUNS].get(Path(str(item.parent.fspath)))
        if run is None:
            return
        run.seconds += call.duration
        report = outcome.get_result()
        if report.passed and run.cell_msg_id is not None:
            run.outputs[item.cell_num] = _outputs_from_messages(run, item.cell_num)
            run.passed.add(item.cell_num)
        run.cell_msg_id = None


def _cache_nbval_executions(config, cache_dir: Path) -> tuple[list[str], dict[str, str]]:
    """Write every notebook nbval executed completely into a new jupyter-cache.

    Returns the notebooks cached (paths relative to the repository) and, for
    notebooks whose cells all passed but could not be cached, why not.
    """
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cache = get_cache(str(cache_dir))
    cached, problems = [], {}
    for path, run in sorted(config.stash[_RUNS].items()):
        name = path.relative_to(ROOT).as_posix()
        if not name.startswith("book/"):
            continue  # not a page of the book (the chapter template): the build never reads it
        if not run.complete:
            if run.unsupported and len(run.passed) == run.n_code:
                problems[name] = run.unsupported
            continue
        bundle = CacheBundleIn(
            run.executed_notebook(), str(path), data={"execution_seconds": run.seconds}
        )
        # Validity: execution counts 1, 2, ... over every code cell.
        cache.cache_notebook_bundle(bundle, check_validity=True, overwrite=True)
        cached.append(name)
    return cached, problems


def _test_config(dest: Path, cache_dir: Path) -> Path:
    """_config.yml, reading executed notebooks from ``cache_dir`` when they are there."""
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config.setdefault("execute", {}).update(execute_notebooks="cache", cache=str(cache_dir))
    # Relative to the config file's folder in Jupyter Book: make them absolute.
    local = config.get("sphinx", {}).get("local_extensions") or {}
    for name, folder in local.items():
        local[name] = str((ROOT / folder).resolve())
    dest.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return dest


# -- fixtures ------------------------------------------------------------------


def find_chromium() -> str | None:
    env = os.environ.get("LRCOURSE_CHROMIUM")
    if env:
        return env
    for name in CHROMIUM_CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    mac = Path("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")
    return str(mac) if mac.exists() else None


class BuiltBook:
    def __init__(self, html: Path, log: str, returncode: int, reused: list[str],
                 not_reused: dict[str, str]) -> None:
        self.html = html
        self.log = log
        self.returncode = returncode
        # Notebooks (paths relative to the repository) whose nbval execution
        # in this session the build used instead of executing them again.
        self.reused = reused
        # Notebooks nbval ran without failure but whose outputs could not be
        # handed to the build (so the build executed them again), and why.
        self.not_reused = not_reused


@pytest.fixture(scope="session")
def built_book(request, tmp_path_factory) -> BuiltBook:
    """Build the book like ``tools/build_book.py`` (``-W -n --keep-going``).

    The one difference: notebooks that nbval executed in this session come
    from a jupyter-cache made new for this session, not from a second run.
    """
    out = tmp_path_factory.mktemp("book")
    cache_dir = out / "jupyter_cache"
    reused, not_reused = _cache_nbval_executions(request.config, cache_dir)
    config = _test_config(out / "_config.yml", cache_dir)
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [
        str(jb), "build", str(ROOT), "--config", str(config),
        "-W", "-n", "--keep-going", "--path-output", str(out),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    return BuiltBook(out / "_build" / "html", proc.stdout + proc.stderr, proc.returncode, reused, not_reused)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        msg = (
            "No Chromium found (install Debian's `chromium` package or set "
            "LRCOURSE_CHROMIUM): browser tests of the built book were NOT run."
        )
        if IN_CI:
            pytest.fail(msg)
        pytest.skip(msg)
    return path
