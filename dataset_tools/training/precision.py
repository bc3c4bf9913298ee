"""fp32 / fp16 / bf16 and torch.compile, decided from the device's compute capability.

    choice = choose_precision(Device("NVIDIA GeForce GTX 1080", (6, 1)), requested=None)
    choice.precision  -> "fp32";  choice.notes -> ()  (fp16 on Pascal saves memory, not time)

The decision is a pure function of what the device is, so it is tested with the capabilities of
cards we do not have. Why these rules (published, PyTorch 2.12-2.14 / Triton / NVIDIA):
- Pascal (sm_6x: GTX 10xx) has no tensor cores and runs fp16 arithmetic slowly: mixed precision
  there only saves activation memory. fp32 is the default; --fp16 is allowed with a note.
- Turing/Volta (sm_7x: RTX 20xx, T4, V100) have fp16 tensor cores but no bfloat16: fp16 is the
  default, --bf16 is refused. torch.cuda.is_bf16_supported() answers True on these cards because
  it counts emulation, so it is never asked: bf16 only from compute capability 8.0 (Ampere+).
- torch.compile generates its GPU kernels with Triton, which needs compute capability 7.0+.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..textio import UserError

PRECISIONS = ("fp32", "fp16", "bf16")
TENSOR_CORES = 7   # first major compute capability with fp16 tensor cores (Volta) and Triton
BF16_NATIVE = 8    # first major compute capability with bfloat16 (Ampere)


@dataclass(frozen=True)
class Device:
    """Where training runs: a CUDA GPU (its name and compute capability) or the CPU."""

    name: str
    capability: tuple[int, int] | None = None  # None: the CPU
    cpu_bf16: bool = False  # the CPU has native bf16 instructions (AVX512-BF16 / AMX)

    @property
    def cuda(self) -> bool:
        return self.capability is not None

    @property
    def sm(self) -> str:
        return f"{self.capability[0]}.{self.capability[1]}" if self.capability else "CPU"


@dataclass(frozen=True)
class PrecisionChoice:
    precision: str            # fp32, fp16 or bf16
    compile: bool             # pass torch_compile=True to the Trainer
    notes: tuple[str, ...]    # warnings for the user, in Russian


def choose_precision(device: Device, requested: str | None = None, compile: bool = False) -> PrecisionChoice:
    """The precision to train in and whether to compile; UserError where the device cannot.

    requested: None (pick from the device), "fp32", "fp16" or "bf16" (the --fp32/--fp16/--bf16 flags).
    """
    if requested not in (None, *PRECISIONS):
        raise ValueError(f"unknown precision {requested!r}")
    notes: list[str] = []
    precision = (gpu_precision if device.cuda else cpu_precision)(device, requested, notes)
    return PrecisionChoice(precision, compile_allowed(device, compile, notes), tuple(notes))


def gpu_precision(device: Device, requested: str | None, notes: list[str]) -> str:
    major = device.capability[0]
    if requested == "bf16" and major < BF16_NATIVE:
        raise UserError(f"--bf16: у {device.name} (compute capability {device.sm}) нет bfloat16, он есть "
                        "с RTX 30xx / A100 (8.0); возьмите --fp16 или учите без флага")
    if requested == "fp16" and major < TENSOR_CORES:
        notes.append(f"--fp16 на {device.name} (compute capability {device.sm}, без тензорных ядер) "
                     "экономит память, но не ускоряет: fp16 там считается медленно; "
                     "без --fp16 (в fp32) обучение обычно быстрее")
    if requested is not None:
        return requested
    if major >= BF16_NATIVE:
        return "bf16"
    return "fp16" if major >= TENSOR_CORES else "fp32"


def cpu_precision(device: Device, requested: str | None, notes: list[str]) -> str:
    if requested == "fp16":
        # accelerate drops fp16 on a machine without CUDA without a word; the user must know.
        fallback = "bf16" if device.cpu_bf16 else "fp32"
        why = "у процессора есть bf16-инструкции" if device.cpu_bf16 else "у процессора нет bf16-инструкций"
        notes.append(f"--fp16 нужна видеокарта NVIDIA с CUDA, а её нет ({device.name}); учим в {fallback} ({why})")
        return fallback
    if requested == "bf16" and not device.cpu_bf16:
        notes.append("--bf16 на процессоре без bf16-инструкций эмулируется и идёт медленно; "
                     "уберите флаг, чтобы учить в fp32")
    return requested or "fp32"


def compile_allowed(device: Device, compile: bool, notes: list[str]) -> bool:
    if not compile:
        return False
    if not device.cuda:
        notes.append("--compile включается только на видеокарте NVIDIA (compute capability 7.0+); "
                     "на CPU обучение идёт без torch.compile")
        return False
    if device.capability[0] < TENSOR_CORES:
        raise UserError(f"--compile: torch.compile (Triton) требует compute capability 7.0+, "
                        f"у {device.name} — {device.sm}; уберите --compile")
    return True


def cpu_has_bf16() -> bool:
    """Native bf16 instructions (AVX512-BF16 / AMX). Without them bf16 on the CPU is emulated."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return bool(re.search(r"\b(avx512_bf16|amx_bf16)\b", flags))


def current_device(torch, force_cpu: bool = False) -> Device:
    """The device this process trains on (its LOCAL_RANK GPU under torchrun)."""
    import platform

    if torch.cuda.is_available() and not force_cpu:
        index = torch.cuda.current_device()
        return Device(torch.cuda.get_device_name(index), tuple(torch.cuda.get_device_capability(index)))
    name = f"CPU{' (--cpu)' if force_cpu else ''}, {platform.machine()}"
    return Device(name, None, cpu_has_bf16())
