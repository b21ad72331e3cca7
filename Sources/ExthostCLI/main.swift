import Exthost
print(ExthostVersion.string)
