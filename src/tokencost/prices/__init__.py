"""prices"""
