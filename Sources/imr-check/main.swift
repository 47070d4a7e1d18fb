print("imr-check: under construction")
