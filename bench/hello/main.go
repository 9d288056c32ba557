// Command hello is the baseline for saqcheck's start-up time: the smallest
// Go program that prints.
package main

import "fmt"

func main() { fmt.Println("hello") }
