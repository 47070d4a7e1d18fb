print("imr-bench")
