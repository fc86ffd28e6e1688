// placeholder: filled by the HDF5 layer
