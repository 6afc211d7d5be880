//go:build !linux

package main

import (
	"errors"
	"os"
)

// openPTY is not implemented outside Linux: the terminal test is skipped.
func openPTY() (master, slave *os.File, err error) {
	return nil, nil, errors.New("pseudo-terminals are opened on Linux only in these tests")
}
