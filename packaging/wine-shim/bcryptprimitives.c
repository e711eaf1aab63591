/*
 * Wine test aid, never shipped: a stand-in bcryptprimitives.dll for Wine 8 (Debian 12),
 * which lacks it. Rust's standard library (1.78+) imports ProcessPrng from it on Windows,
 * so without it a Rust .exe stops at load with status c0000135 (DLL not found).
 * ProcessPrng fills the buffer with RtlGenRandom (advapi32!SystemFunction036), which
 * Wine implements.
 *
 * Build (scripts/build-wine-shim does this):
 *   x86_64-w64-mingw32-gcc -shared -O2 -s -Wall -Wextra -Wl,--no-insert-timestamp \
 *     -o bcryptprimitives.dll bcryptprimitives.c bcryptprimitives.def -ladvapi32
 * Use: put the DLL next to netliver.exe (or in $WINEPREFIX/drive_c/windows/system32).
 */
#include <windows.h>

/* RtlGenRandom's real export name; declared here so no header macro is needed. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* BOOL WINAPI ProcessPrng(PBYTE pbData, SIZE_T cbData): always succeeds on real Windows. */
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    /* RtlGenRandom takes a ULONG length, so fill large buffers in chunks. */
    while (len > 0) {
        ULONG chunk = len > 0x40000000u ? 0x40000000u : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
