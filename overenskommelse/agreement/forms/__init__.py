"""Forms of the agreement app. They validate input; services do the writing."""
