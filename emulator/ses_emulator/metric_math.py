"""CloudWatch metric math, for the expressions SES alarms use.

Supported: numbers, query ids, `+ - * / ^`, comparisons (`== != < <= > >=`,
1 or 0), `AND`/`&&`, `OR`/`||`, `NOT`/`!`, `IF(condition, value[, else])` and
`FILL(series, number | REPEAT | LINEAR)`. Any other function is refused with
an error naming it, so an alarm the emulator cannot judge never looks healthy.

A series maps each period's start (epoch seconds) to a value; a period with no
datapoint is absent. As in CloudWatch, an operation on two series yields a value
only where both have one, a division by zero yields none, and FILL gives every
period of the evaluation range a value.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

Series = dict[int, float]
Value = float | Series

FUNCTIONS = ("IF", "FILL")
FILL_MODES = ("REPEAT", "LINEAR")


class MathError(ValueError):
    """An expression the emulator cannot evaluate: the message says why."""


# --- syntax ---------------------------------------------------------------------
_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>==|!=|<=|>=|&&|\|\||[-+*/^<>!(),]))"
)
_WORD_OPERATORS = {"AND": "&&", "OR": "||", "NOT": "!"}


@dataclass(frozen=True)
class Number:
    value: float


@dataclass(frozen=True)
class Ref:
    id: str


@dataclass(frozen=True)
class Word:  # REPEAT / LINEAR, only valid as FILL's second argument
    name: str


@dataclass(frozen=True)
class Unary:
    op: str
    operand: Node


@dataclass(frozen=True)
class Binary:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Call:
    function: str
    args: tuple[Node, ...]


Node = Number | Ref | Word | Unary | Binary | Call


def _tokens(expression: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    text = expression.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise MathError(f"cannot read {text[position:].strip()[:20]!r} in {expression!r}")
        kind = match.lastgroup
        value = match.group(kind)
        if kind == "name" and value.upper() in _WORD_OPERATORS and value.isupper():
            kind, value = "op", _WORD_OPERATORS[value]
        tokens.append((kind, value))
        position = match.end()
    return tokens


class _Parser:
    # Lowest to highest precedence; each level is left-associative except ^.
    LEVELS: Sequence[tuple[str, ...]] = (("||",), ("&&",), ("==", "!=", "<", "<=", ">", ">="),
                                         ("+", "-"), ("*", "/"))  # fmt: skip

    def __init__(self, expression: str) -> None:
        self.expression = expression
        self.tokens = _tokens(expression)
        self.position = 0

    def parse(self) -> Node:
        if not self.tokens:
            raise MathError("empty expression")
        node = self.level(0)
        if self.position != len(self.tokens):
            raise MathError(f"unexpected {self.tokens[self.position][1]!r} in {self.expression!r}")
        return node

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (value is not None and token[1] != value):
            found = "the end" if token is None else repr(token[1])
            raise MathError(f"expected {value or 'a value'}, found {found} in {self.expression!r}")
        self.position += 1
        return token

    def level(self, index: int) -> Node:
        if index == len(self.LEVELS):
            return self.unary()
        node = self.level(index + 1)
        while (
            (token := self.peek()) is not None
            and token[0] == "op"
            and (token[1] in self.LEVELS[index])
        ):
            self.position += 1
            node = Binary(token[1], node, self.level(index + 1))
        return node

    def unary(self) -> Node:
        token = self.peek()
        if token in (("op", "-"), ("op", "!")):
            self.position += 1
            return Unary(token[1], self.unary())
        node = self.atom()
        if self.peek() == ("op", "^"):
            self.position += 1
            return Binary("^", node, self.unary())
        return node

    def atom(self) -> Node:
        kind, value = self.take()
        if kind == "number":
            return Number(float(value))
        if kind == "op" and value == "(":
            node = self.level(0)
            self.take(")")
            return node
        if kind == "name":
            if self.peek() == ("op", "("):
                return self.call(value)
            if value in FILL_MODES:
                return Word(value)
            return Ref(value)
        raise MathError(f"unexpected {value!r} in {self.expression!r}")

    def call(self, name: str) -> Node:
        if name.upper() not in FUNCTIONS:
            raise MathError(
                f"metric math function {name.upper()} is not supported by the SES emulator "
                f"(supported: {', '.join(FUNCTIONS)}, arithmetic, comparisons, AND, OR, NOT)"
            )
        self.take("(")
        args = [self.level(0)]
        while self.peek() == ("op", ","):
            self.position += 1
            args.append(self.level(0))
        self.take(")")
        function = name.upper()
        expected = {"IF": (2, 3), "FILL": (2, 2)}[function]
        if not expected[0] <= len(args) <= expected[1]:
            raise MathError(f"{function} takes {' or '.join(map(str, set(expected)))} arguments, "
                            f"got {len(args)} in {self.expression!r}")  # fmt: skip
        return Call(function, tuple(args))


@lru_cache(maxsize=1024)
def parse(expression: str) -> Node:
    """The syntax tree of `expression`; raises MathError naming what is wrong."""
    return _Parser(expression).parse()


def references(node: Node) -> set[str]:
    """The query ids an expression reads."""
    if isinstance(node, Ref):
        return {node.id}
    if isinstance(node, Unary):
        return references(node.operand)
    if isinstance(node, Binary):
        return references(node.left) | references(node.right)
    if isinstance(node, Call):
        return set().union(*(references(arg) for arg in node.args))
    return set()


# --- evaluation -----------------------------------------------------------------
def _divide(left: float, right: float) -> float | None:
    return None if right == 0 else left / right


def _power(left: float, right: float) -> float | None:
    try:
        result = math.pow(left, right)
    except (OverflowError, ValueError):
        return None
    return result if math.isfinite(result) else None


_BINARY: dict[str, Callable[[float, float], float | None]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": _divide,
    "^": _power,
    "==": lambda a, b: float(a == b),
    "!=": lambda a, b: float(a != b),
    "<": lambda a, b: float(a < b),
    "<=": lambda a, b: float(a <= b),
    ">": lambda a, b: float(a > b),
    ">=": lambda a, b: float(a >= b),
    "&&": lambda a, b: float(bool(a) and bool(b)),
    "||": lambda a, b: float(bool(a) or bool(b)),
}


def evaluate(node: Node, values: dict[str, Value], timestamps: Sequence[int]) -> Value:
    """Evaluate over the evaluation range `timestamps` (period starts, ascending)."""
    if isinstance(node, Number):
        return node.value
    if isinstance(node, Ref):
        if node.id not in values:
            raise MathError(f"the expression reads {node.id!r}, which no query defines")
        return values[node.id]
    if isinstance(node, Word):
        raise MathError(f"{node.name} is only valid as FILL's second argument")
    if isinstance(node, Unary):
        operand = evaluate(node.operand, values, timestamps)
        apply = operator.neg if node.op == "-" else (lambda a: float(not a))
        return _map1(apply, operand)
    if isinstance(node, Binary):
        left = evaluate(node.left, values, timestamps)
        right = evaluate(node.right, values, timestamps)
        return _map2(_BINARY[node.op], left, right)
    if node.function == "FILL":
        return _fill(node, values, timestamps)
    return _if(node, values, timestamps)


def _map1(apply: Callable[[float], float], value: Value) -> Value:
    if isinstance(value, dict):
        return {t: apply(v) for t, v in value.items()}
    return apply(value)


def _map2(apply: Callable[[float, float], float | None], left: Value, right: Value) -> Value:
    if not isinstance(left, dict) and not isinstance(right, dict):
        result = apply(left, right)
        if result is None:
            raise MathError("the expression divides a constant by zero")
        return result
    keys = (left.keys() & right.keys() if isinstance(left, dict) and isinstance(right, dict)
            else (left if isinstance(left, dict) else right).keys())  # fmt: skip
    series: Series = {}
    for t in keys:
        result = apply(left[t] if isinstance(left, dict) else left,
                       right[t] if isinstance(right, dict) else right)  # fmt: skip
        if result is not None:
            series[t] = result
    return series


def _fill(node: Call, values: dict[str, Value], timestamps: Sequence[int]) -> Value:
    source = evaluate(node.args[0], values, timestamps)
    mode = node.args[1]
    if not isinstance(source, dict):
        return source
    if isinstance(mode, Word):
        known = sorted(source.items())
        filled: Series = {}
        for t in timestamps:
            if t in source:
                filled[t] = source[t]
                continue
            before = [(k, v) for k, v in known if k < t]
            after = [(k, v) for k, v in known if k > t]
            if mode.name == "REPEAT" and before:
                filled[t] = before[-1][1]
            elif mode.name == "LINEAR" and before and after:
                (t0, v0), (t1, v1) = before[-1], after[0]
                filled[t] = v0 + (v1 - v0) * (t - t0) / (t1 - t0)
        return filled
    fill = evaluate(mode, values, timestamps)
    if isinstance(fill, dict):
        raise MathError("FILL's second argument must be a number, REPEAT or LINEAR")
    return {t: source.get(t, fill) for t in timestamps}


def _if(node: Call, values: dict[str, Value], timestamps: Sequence[int]) -> Value:
    condition, *branches = (evaluate(arg, values, timestamps) for arg in node.args)
    then, otherwise = branches[0], branches[1] if len(branches) == 2 else None

    def pick(branch: Value | None, t: int | None) -> float | None:
        if branch is None:
            return None
        if isinstance(branch, dict):
            return branch.get(t) if t is not None else None
        return branch

    if not isinstance(condition, dict):
        chosen = then if condition else otherwise
        if chosen is None:
            return {}
        return chosen
    series: Series = {}
    for t, flag in condition.items():
        value = pick(then if flag else otherwise, t)
        if value is not None:
            series[t] = value
    return series
